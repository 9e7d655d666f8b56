import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useI18n } from './i18n';

// Only what the dashboards and the dispatch timeline (a custom series of bars over time, the trip's
// window a marked area) draw, so the bundle carries no unused chart types. The SVG renderer keeps
// the chart's text in the page (readable by screen readers and by the browser tests), and the aria
// component describes each chart's data in its aria-label.
echarts.use([BarChart, LineChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, MarkLineComponent, MarkAreaComponent, AriaComponent, SVGRenderer]);

/** `description`: what the chart shows in words, read out instead of ECharts' generated one. */
export function Chart({ option, height = 280, label, description, testId }: { option: EChartsOption; height?: number; label: string; description?: string; testId?: string }) {
  const { locale } = useI18n();
  return (
    <div role="figure" aria-label={label} data-testid={testId}>
      <ReactEChartsCore key={locale} echarts={echarts} option={{ aria: { enabled: true, ...(description ? { label: { description: `${label}: ${description}` } } : {}) }, ...option }} style={{ height, width: '100%' }} notMerge opts={{ renderer: 'svg', locale: locale === 'en' ? 'EN' : 'ZH' }} />
    </div>
  );
}
