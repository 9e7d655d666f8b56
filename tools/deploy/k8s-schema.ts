/**
 * Validation of rendered Kubernetes objects against the Kubernetes API schemas, offline:
 * - the JSON schemas of the kubernetes-models packages (types, required fields, enums, formats),
 *   for the built-in kinds and the KEDA and Prometheus Operator CRDs;
 * - an unknown-field check, which those schemas do not make (they allow additional properties) but
 *   the API server does (kubectl's default strict field validation rejects a misspelt field): each
 *   object is walked against the model's TypeScript interface, read with the TypeScript compiler.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';
import * as kedaV1alpha1 from '@kubernetes-models/keda/keda.sh/v1alpha1';
import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

type ModelClass = new (data: unknown) => { validate(): void };

/** apiVersion -> the module of models, and the package and directory of its TypeScript declarations. */
const MODELS: Record<string, { module: Record<string, unknown>; pkg: string; dir: string }> = {
  v1: { module: coreV1, pkg: 'kubernetes-models', dir: 'v1' },
  'apps/v1': { module: appsV1, pkg: 'kubernetes-models', dir: 'apps/v1' },
  'batch/v1': { module: batchV1, pkg: 'kubernetes-models', dir: 'batch/v1' },
  'policy/v1': { module: policyV1, pkg: 'kubernetes-models', dir: 'policy/v1' },
  'autoscaling/v2': { module: autoscalingV2, pkg: 'kubernetes-models', dir: 'autoscaling/v2' },
  'networking.k8s.io/v1': { module: networkingV1, pkg: 'kubernetes-models', dir: 'networking.k8s.io/v1' },
  'keda.sh/v1alpha1': { module: kedaV1alpha1, pkg: '@kubernetes-models/keda', dir: 'keda.sh/v1alpha1' },
  'monitoring.coreos.com/v1': { module: monitoringV1, pkg: '@kubernetes-models/prometheus-operator', dir: 'monitoring.coreos.com/v1' },
};

/** Throws when the object's kind has no schema here or the object does not match it. */
export function validateAgainstSchema(object: KubernetesObject): void {
  const model = MODELS[object.apiVersion]?.module[object.kind] as ModelClass | undefined;
  if (typeof model !== 'function') throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new model(object).validate();
}

function declarationFile(object: KubernetesObject): string {
  const models = MODELS[object.apiVersion];
  if (!models) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  // The package's root holds its main index.js; its exports map hides the .d.ts files from require.resolve.
  return join(dirname(require.resolve(models.pkg)), models.dir, `${object.kind}.d.ts`);
}

/**
 * Finds fields the Kubernetes API does not know. Create once per set of objects (building the
 * TypeScript program takes a second or two), then call unknownFields(object) for each.
 */
export class UnknownFieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly program: ts.Program;

  constructor(objects: KubernetesObject[]) {
    const files = [...new Set(objects.map(declarationFile))];
    this.program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [], strict: true, moduleResolution: ts.ModuleResolutionKind.Node10 });
    this.checker = this.program.getTypeChecker();
  }

  /** Dotted paths of the fields of `object` that its kind's schema has no place for. */
  unknownFields(object: KubernetesObject): string[] {
    const file = this.program.getSourceFile(declarationFile(object));
    const module = file && this.checker.getSymbolAtLocation(file);
    const symbol = module && this.checker.getExportsOfModule(module).find((candidate) => candidate.name === `I${object.kind}`);
    if (!symbol) throw new Error(`no TypeScript declaration of ${object.apiVersion} ${object.kind}`);
    const problems: string[] = [];
    this.walk(object, this.checker.getDeclaredTypeOfSymbol(symbol), object.kind, problems);
    return problems;
  }

  private walk(value: unknown, declared: ts.Type, path: string, problems: string[]): void {
    if (value === null || typeof value !== 'object') return;
    let type = this.checker.getNonNullableType(declared);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (type.isUnion()) {
      const candidates = type.types.filter((member) => member.flags & ts.TypeFlags.Object);
      if (candidates.length !== 1) return; // e.g. string | number: nothing structural to check
      type = candidates[0]!;
    }
    if (Array.isArray(value)) {
      if (!this.checker.isArrayType(type)) {
        problems.push(`${path} (an array where the schema has none)`);
        return;
      }
      const element = this.checker.getTypeArguments(type as ts.TypeReference)[0]!;
      value.forEach((item, index) => this.walk(item, element, `${path}[${index}]`, problems));
      return;
    }
    const index = this.checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const property = this.checker.getPropertyOfType(type, key);
      if (property) {
        this.walk(child, this.checker.getTypeOfSymbol(property), `${path}.${key}`, problems);
      } else if (index) {
        this.walk(child, index.type, `${path}.${key}`, problems);
      } else {
        problems.push(`${path}.${key}`);
      }
    }
  }
}
