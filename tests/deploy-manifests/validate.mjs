// Validates the deployment files without a cluster or Docker:
//  - every Kubernetes object in deploy/k8s against the API's JSON schema (kubernetes-models), the CloudNativePG
//    Cluster and ScheduledBackup by hand (no schema package is served for them);
//  - that the pieces fit: selectors match pod labels, Services and the Ingress point at what exists, the API runs
//    with Worker__Enabled=false and probes on /health/*, two or more workers run with it on under a
//    PodDisruptionBudget that keeps one, and both use the database's -rw service;
//  - deploy/compose.yaml's topology and that nginx.conf balances over both API replicas.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "../../deploy");
const errors = [];
const check = (ok, message) => { if (!ok) errors.push(message); };

const files = readdirSync(join(deploy, "k8s")).filter((f) => f.endsWith(".yaml"));
const objects = [];
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(join(deploy, "k8s", file), "utf8"))) {
    if (doc.errors.length) errors.push(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const object = doc.toJS();
    if (object) objects.push({ file, object });
  }
}

for (const { file, object } of objects) {
  const { apiVersion, kind } = object;
  if (kind === "Kustomization") continue;
  if (apiVersion === "postgresql.cnpg.io/v1") continue; // checked below
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    new module[kind](object).validate();
  } catch (e) {
    errors.push(`${file} ${kind}/${object.metadata?.name}: ${e.message}`);
  }
}

const find = (kind, name) => objects.map((o) => o.object).find((o) => o.kind === kind && o.metadata?.name === name);
const env = (deployment) => Object.fromEntries(
  deployment.spec.template.spec.containers[0].env.map((e) => [e.name, e.value ?? e.valueFrom]));

const db = find("Cluster", "ogp-db");
check(db?.apiVersion === "postgresql.cnpg.io/v1", "the CloudNativePG Cluster ogp-db is missing");
check(db?.spec?.instances >= 2, "the database needs a primary and at least one replica (instances >= 2)");
check(db?.spec?.bootstrap?.initdb?.database === "ogp", "the Cluster must bootstrap the ogp database");
const store = db?.spec?.backup?.barmanObjectStore;
check(/^s3:\/\/[^/]+\/./.test(store?.destinationPath ?? ""), "the Cluster must back up into an object store (backup.barmanObjectStore.destinationPath)");
const credentials = [store?.s3Credentials?.accessKeyId, store?.s3Credentials?.secretAccessKey];
check(credentials.every((c) => c?.name && c?.key), "the object store's credentials must come from a secret (s3Credentials)");
const templated = objects.map((o) => o.object).filter((o) => o.kind === "Secret");
check(credentials.every((c) => templated.some((t) => t.metadata?.name === c?.name && t.stringData?.[c?.key] !== undefined)),
  "secret.template.yaml must show the object store's secret and keys");
check(/^\d+[dwm]$/.test(db?.spec?.backup?.retentionPolicy ?? ""), "the Cluster needs a backup retentionPolicy such as 30d");
const scheduled = objects.map((o) => o.object).filter((o) => o.kind === "ScheduledBackup");
check(scheduled.length >= 1, "a CloudNativePG ScheduledBackup is missing");
for (const b of scheduled) {
  check(b.apiVersion === "postgresql.cnpg.io/v1", `ScheduledBackup ${b.metadata?.name}: apiVersion postgresql.cnpg.io/v1`);
  check(b.spec?.cluster?.name === db?.metadata?.name, `ScheduledBackup ${b.metadata?.name} must name the Cluster ${db?.metadata?.name}`);
  check(b.spec?.method === "barmanObjectStore", `ScheduledBackup ${b.metadata?.name} must use the Cluster's object store (method barmanObjectStore)`);
  check((b.spec?.schedule ?? "").trim().split(/\s+/).length === 6, `ScheduledBackup ${b.metadata?.name}: the schedule has six fields (seconds first)`);
}

const api = find("Deployment", "ogp-api");
const worker = find("Deployment", "ogp-worker");
for (const d of [api, worker].filter(Boolean)) {
  const name = d.metadata.name;
  const labels = d.spec.template.metadata.labels;
  check(Object.entries(d.spec.selector.matchLabels).every(([k, v]) => labels[k] === v), `${name}: selector does not match pod labels`);
  const container = d.spec.template.spec.containers[0];
  check(container.readinessProbe?.httpGet?.path === "/health/ready", `${name}: readiness probe must be /health/ready`);
  check(container.livenessProbe?.httpGet?.path === "/health/live", `${name}: liveness probe must be /health/live`);
  check(container.resources?.requests && container.resources?.limits, `${name}: resources need requests and limits`);
  check(/Host=ogp-db-rw;/.test(env(d).ConnectionStrings__Postgres), `${name}: must use the primary's ogp-db-rw service`);
}
check(api && env(api).Worker__Enabled === "false", "ogp-api must run with Worker__Enabled=false");
check(api?.spec?.replicas >= 2, "ogp-api should run several replicas");
check(worker && env(worker).Worker__Enabled === "true", "ogp-worker must run with Worker__Enabled=true");
check(worker?.spec?.replicas >= 2, "ogp-worker must run 2 or more replicas (no single point of failure)");
check(worker?.spec?.strategy?.type !== "Recreate", "ogp-worker must not use Recreate (it stops every worker at once)");
const workerBudget = objects.map((o) => o.object).find((o) => o.kind === "PodDisruptionBudget" &&
  Object.entries(o.spec?.selector?.matchLabels ?? {}).every(([k, v]) => worker?.spec?.template?.metadata?.labels?.[k] === v));
check(workerBudget && workerBudget.spec.minAvailable >= 1 && workerBudget.spec.minAvailable < worker?.spec?.replicas,
  "ogp-worker needs a PodDisruptionBudget with minAvailable >= 1 and below its replicas");

const pods = objects.map((o) => o.object).filter((o) => o.kind === "Deployment");
for (const service of objects.map((o) => o.object).filter((o) => o.kind === "Service")) {
  const target = pods.find((d) => Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
  check(target, `Service ${service.metadata.name} selects no Deployment`);
}
for (const ingress of objects.map((o) => o.object).filter((o) => o.kind === "Ingress"))
  for (const rule of ingress.spec.rules)
    for (const path of rule.http.paths)
      check(find("Service", path.backend.service.name), `Ingress ${ingress.metadata.name} points at a missing Service`);

const kustomization = parse(readFileSync(join(deploy, "k8s", "kustomization.yaml"), "utf8"));
for (const file of files.filter((f) => f !== "kustomization.yaml" && !f.includes("template")))
  check(kustomization.resources.includes(file), `kustomization.yaml does not list ${file}`);

const compose = parse(readFileSync(join(deploy, "compose.yaml"), "utf8"), { merge: true });
const services = compose.services ?? {};
check(["postgres", "api-1", "api-2", "worker-1", "worker-2", "nginx"].every((s) => services[s]),
  "compose.yaml needs postgres, api-1, api-2, worker-1, worker-2, nginx");
check(/^postgres:16/.test(services.postgres?.image ?? ""), "compose.yaml: PostgreSQL 16");
check(services["api-1"]?.environment?.Worker__Enabled === "false" && services["api-2"]?.environment?.Worker__Enabled === "false",
  "compose.yaml: the API replicas run with Worker__Enabled=false");
check(services["worker-1"]?.environment?.Worker__Enabled === "true" && services["worker-2"]?.environment?.Worker__Enabled === "true",
  "compose.yaml: both workers run with Worker__Enabled=true");
const nginx = readFileSync(join(deploy, "nginx", "nginx.conf"), "utf8");
check(/server api-1:8080/.test(nginx) && /server api-2:8080/.test(nginx), "nginx.conf must balance over api-1 and api-2");

if (errors.length) {
  console.error(errors.map((e) => `deploy manifests: ${e}`).join("\n"));
  process.exit(1);
}
console.log(`deploy manifests: ${objects.length} Kubernetes objects valid, compose topology and nginx upstreams consistent`);
