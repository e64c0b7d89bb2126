// Validates every document of a rendered multi-document YAML file against the JSON schema of its kind, as
// generated from the Kubernetes API's OpenAPI definitions (kubernetes-models, compiled with Ajv), offline.
// Usage: node validate.mjs <rendered.yaml>; prints a JSON report and exits 1 when any document is invalid.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const modelsVersion = require("kubernetes-models/package.json").version;

/** Packages with the models of custom resources, by API group: the Prometheus Operator's ServiceMonitor, PrometheusRule. */
const customResourceModels = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };

/**
 * The model of a kind: kubernetes-models for the Kubernetes API (core "v1" kinds under v1/, the others under
 * <group>/<version>/), the package of its group for a custom resource.
 */
async function modelOf(apiVersion, kind) {
  if (!/^[a-z0-9.]+(\/v[0-9a-z]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]+$/.test(kind)) {
    return undefined;
  }
  const models = customResourceModels[apiVersion.split("/")[0]] ?? "kubernetes-models";
  try {
    const module = await import(`${models}/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

const file = process.argv[2];
const text = await readFile(file, "utf8");
const documents = [];
for (const parsed of parseAllDocuments(text)) {
  if (parsed.errors.length > 0) {
    documents.push({ errors: parsed.errors.map(e => `YAML: ${e.message}`) });
    continue;
  }
  const object = parsed.toJS();
  if (object === null || object === undefined) {
    continue;
  }
  const entry = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata?.name,
    namespace: object.metadata?.namespace,
    errors: [],
    object,
  };
  const Model = await modelOf(String(object.apiVersion ?? ""), String(object.kind ?? ""));
  if (Model === undefined) {
    entry.errors.push(`no Kubernetes schema for apiVersion '${object.apiVersion}' kind '${object.kind}'`);
  } else {
    try {
      new Model(object).validate();
    } catch (error) {
      entry.errors.push(String(error.message ?? error));
    }
  }
  documents.push(entry);
}

const valid = documents.every(d => d.errors.length === 0);
process.stdout.write(JSON.stringify({ validator: `kubernetes-models ${modelsVersion}`, valid, documents }));
process.exitCode = valid ? 0 : 1;
