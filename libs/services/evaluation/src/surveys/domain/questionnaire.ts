import type { ServiceType } from '../../kpis/domain/evaluated-party';

/** One question of a satisfaction survey, answered on a 1–5 scale (1 very dissatisfied … 5 very satisfied). */
export interface Question {
  code: string;
  text: string;
}

/** Every questionnaire ends with the overall score: the one follow-ups and mean scores read. */
export const OVERALL = 'overall';

const overall: Question = { code: OVERALL, text: '总体满意度 Overall satisfaction' };

/** The platform's default questions per service type. */
export const QUESTIONNAIRES: Readonly<Record<ServiceType, readonly Question[]>> = {
  maintenance: [
    { code: 'timeliness', text: '响应及时性 Timeliness of the response and repair' },
    { code: 'quality', text: '维修质量 Quality of the repair' },
    { code: 'attitude', text: '服务态度 Attitude of the staff' },
    overall,
  ],
  transport: [
    { code: 'punctuality', text: '准时性 Punctuality' },
    { code: 'safety', text: '驾驶安全 Safe driving' },
    { code: 'vehicle', text: '车况整洁 Condition and cleanliness of the vehicle' },
    { code: 'attitude', text: '服务态度 Attitude of the driver' },
    overall,
  ],
  catering: [
    { code: 'taste', text: '饭菜口味 Taste' },
    { code: 'hygiene', text: '卫生状况 Hygiene' },
    { code: 'variety', text: '品种搭配 Variety' },
    { code: 'attitude', text: '服务态度 Attitude of the staff' },
    overall,
  ],
  procurement: [
    { code: 'timeliness', text: '供货及时性 Timeliness of the delivery' },
    { code: 'quality', text: '物资质量 Quality of the goods' },
    overall,
  ],
};

export function questionnaireFor(serviceType: ServiceType): readonly Question[] {
  return QUESTIONNAIRES[serviceType];
}
