// Prints every document of a YAML file as one JSON array, so a test can compare YAML files by content.
// Usage: node to-json.mjs <file.yaml>
import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";

const documents = parseAllDocuments(await readFile(process.argv[2], "utf8"));
const errors = documents.flatMap(d => d.errors.map(e => e.message));
if (errors.length > 0) {
  process.stderr.write(errors.join("\n") + "\n");
  process.exitCode = 1;
} else {
  process.stdout.write(JSON.stringify(documents.map(d => d.toJS()).filter(d => d !== null && d !== undefined)));
}
