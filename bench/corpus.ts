import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** AWS services a note can be about, each with a few words only its notes use often. */
const SERVICES: readonly { name: string; words: readonly string[] }[] = [
  { name: 'AMI', words: ['image', 'snapshot', 'bake', 'marketplace', 'launch'] },
  { name: 'EBS', words: ['volume', 'gp3', 'io2', 'iops', 'throughput', 'snapshot'] },
  { name: 'EFS', words: ['filesystem', 'mount', 'nfs', 'posix', 'infrequent'] },
  { name: 'ELB', words: ['listener', 'target', 'health', 'sticky', 'balancer'] },
  { name: 'ASG', words: ['scaling', 'capacity', 'cooldown', 'warm', 'policy'] },
  { name: 'RDS', words: ['replica', 'failover', 'backup', 'engine', 'aurora'] },
  { name: 'S3', words: ['bucket', 'object', 'lifecycle', 'glacier', 'versioning'] },
  { name: 'VPC', words: ['subnet', 'route', 'gateway', 'peering', 'endpoint', 'cidr'] },
  { name: 'IAM', words: ['policy', 'role', 'principal', 'permission', 'federation'] },
  { name: 'SQS', words: ['queue', 'visibility', 'dead-letter', 'polling', 'fifo'] },
  { name: 'SNS', words: ['topic', 'subscription', 'fan-out', 'publish', 'filter'] },
  { name: 'KMS', words: ['key', 'envelope', 'rotation', 'grant', 'cmk'] },
  { name: 'Lambda', words: ['function', 'cold', 'concurrency', 'layer', 'timeout'] },
  { name: 'DynamoDB', words: ['partition', 'item', 'capacity', 'stream', 'global'] },
  { name: 'CloudFront', words: ['edge', 'cache', 'origin', 'distribution', 'ttl'] },
  { name: 'Route 53', words: ['record', 'alias', 'latency', 'weighted', 'zone'] },
  { name: 'CloudWatch', words: ['metric', 'alarm', 'dashboard', 'logs', 'insight'] },
  { name: 'Kinesis', words: ['shard', 'stream', 'firehose', 'consumer', 'retention'] },
  { name: 'ECS', words: ['task', 'container', 'fargate', 'cluster', 'service'] },
  { name: 'Storage Gateway', words: ['tape', 'cached', 'stored', 'appliance', 'hybrid'] },
];

/** Words any cloud note uses: the head of the vocabulary, most frequent first. */
const COMMON = (
  'instance data region availability zone access cost storage network security traffic request ' +
  'application user server managed service automatic database private public encryption backup ' +
  'performance replication latency configuration console cli default limit monitoring log event ' +
  'durable highly available scalable serverless regional global cross account resource tag ' +
  'throughput read write recovery disaster price tier standard reserved spot demand savings ' +
  'integration api endpoint protocol port certificate identity audit compliance retention copy ' +
  'migration transfer sync schedule trigger version upgrade patch maintenance window'
).split(' ');

const SYLLABLES = 'ka lo mi ne ru sa te vi zo ba de fi gu ha jo pe qui ro su ty wa xe yo'.split(' ');

/** Deterministic 32-bit PRNG (mulberry32): the corpus must be the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The long tail of the vocabulary: made-up but pronounceable terms (product names, parameters,
 * error codes in real notes), so most words are rare and a few are everywhere, as in real text.
 */
const TAIL = Array.from({ length: 20_000 }, (_, index) => {
  const next = random(index + 1);
  const length = 2 + Math.floor(next() * 3);
  let word = '';
  for (let s = 0; s < length; s++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return word;
});
const VOCABULARY = [...COMMON, ...TAIL];
/**
 * Zipf–Mandelbrot cumulative weights, (rank + 10)^-1.05: the most common word is ≈1.5% of the
 * words, about what the most common content word of real notes is once stop words are set aside.
 */
const CUMULATIVE = (() => {
  let sum = 0;
  return VOCABULARY.map((_, rank) => {
    sum += 1 / (rank + 10) ** 1.05;
    return sum;
  });
})();

function zipfWord(next: () => number): string {
  const target = next() * (CUMULATIVE[CUMULATIVE.length - 1] as number);
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((CUMULATIVE[mid] as number) < target) low = mid + 1;
    else high = mid;
  }
  return VOCABULARY[low] as string;
}

const pick = <T>(next: () => number, values: readonly T[]): T =>
  values[Math.floor(next() * values.length)] as T;

/** A phrase of `count` words: the note's own service words mixed into the shared Zipf vocabulary. */
function phrase(next: () => number, own: readonly string[], count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(next() < 0.15 ? pick(next, own) : zipfWord(next));
  return words.join(' ');
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A note shaped like data/aws/ami.md (frontmatter, prose highlights, a tip, three tables, numbered
 * steps in a fence, an ASCII diagram and question callouts), ≈4 KB. Each note is about one of 20
 * services and draws its words from that service's terms plus a Zipf-distributed vocabulary of
 * ≈20,000 words, so notes differ the way real notes on different services do. Deterministic: the same
 * index always gives the same text.
 */
export function seedShapedNote(index: number): string {
  const next = random(0x5eed + index * 7919);
  const service = SERVICES[index % SERVICES.length] as (typeof SERVICES)[number];
  const own = [...service.words, service.name.toLowerCase()];
  const s = `${service.name} ${capital(phrase(next, own, 2))}`;
  const words = (count: number) => phrase(next, own, count);
  const row = (key: string) => `| **${capital(key)}** | ${capital(words(3))} ==${words(2)}== ${words(2)} |`;
  const questions = Array.from({ length: 8 + Math.floor(next() * 5) }, (_, q) => {
    const subject = words(3);
    return `> [!question]- Q${q + 1}: ${pick(next, ['What does', 'Why does', 'When should', 'How does'])} ${subject} ${pick(next, ['work', 'help', 'cost', 'fail', 'scale'])}?\n> **Answer:**\n> ${capital(subject)} ${words(6)} ==${words(3)}== ${words(8)}. It also keeps ==${words(2)}== ${words(5)}.\n`;
  }).join('\n');
  return `---
title: ${s} (Study note ${index})
tags:
  - aws
  - saa-c03
  - ${service.name.toLowerCase().replace(/\s+/g, '-')}
---

# ${s} (Study note ${index})

## What is ${s}?

${s} is a ==${words(3)}== — it ${words(10)}.

> [!tip] Key Benefit
> ${s} gives ==${words(3)}== because ${words(8)}. ${capital(words(7))}.

## ${s} Characteristics

| Feature | Details |
| ------- | ------- |
${Array.from({ length: 4 + Math.floor(next() * 3) }, () => row(words(2))).join('\n')}

## ${s} Sources

| Source | Description |
| ------ | ----------- |
${Array.from({ length: 3 }, () => `| **${capital(words(2))}** | ${capital(words(6))} |`).join('\n')}

## ${s} Process

\`\`\`
${Array.from({ length: 5 }, (_, step) => `${step + 1}. ${capital(words(3))}\n   └── ${capital(words(5))}`).join('\n\n')}
\`\`\`

\`\`\`
┌──────────┐     ┌──────────┐
│   EC2    │────▶│  ${service.name.padEnd(8).slice(0, 8)}│
└──────────┘     └──────────┘
\`\`\`

## Why Use ${s}?

| Without ${s} | With ${s} |
| ------------ | --------- |
${Array.from({ length: 4 }, () => `| ${capital(words(4))} | ${capital(words(3))} |`).join('\n')}

## Questions & Answers

${questions}`;
}

/** Writes `count` seed-shaped notes into `dir`, spread over a few folders; returns their paths. */
export function writeCorpus(dir: string, count: number): string[] {
  const folders = SERVICES.map((service) => service.name.toLowerCase().replace(/\s+/g, '-'));
  for (const folder of folders) mkdirSync(join(dir, folder), { recursive: true });
  const paths: string[] = [];
  for (let index = 0; index < count; index++) {
    const folder = folders[index % folders.length] as string;
    const path = join(dir, folder, `note-${String(index).padStart(5, '0')}.md`);
    writeFileSync(path, seedShapedNote(index));
    paths.push(path);
  }
  return paths;
}

/**
 * Queries a study-server member would type, drawn from the corpus vocabulary: common words,
 * service terms, two-word phrases, a word typed letter by letter (autocomplete), typos and words
 * that match nothing. Deterministic, all distinct.
 */
export function benchQueries(count: number): string[] {
  const next = random(0xbeef);
  const queries = new Set<string>();
  const typo = (word: string) => {
    const at = 1 + Math.floor(next() * (word.length - 1));
    return word.slice(0, at) + word.slice(at + 1);
  };
  while (queries.size < count) {
    const service = pick(next, SERVICES);
    const word = next() < 0.5 ? pick(next, COMMON) : zipfWord(next);
    switch (Math.floor(next() * 6)) {
      case 0:
        queries.add(word);
        break;
      case 1:
        queries.add(`${pick(next, service.words)} ${word}`);
        break;
      case 2:
        queries.add(word.slice(0, 1 + Math.floor(next() * word.length)));
        break;
      case 3:
        queries.add(word.length >= 5 ? typo(word) : `${service.name.toLowerCase()} ${word}`);
        break;
      case 4:
        queries.add(`${zipfWord(next)} ${zipfWord(next)} ${zipfWord(next).slice(0, 3)}`);
        break;
      default:
        queries.add(`${word}xq${Math.floor(next() * 1000)}`);
    }
  }
  return [...queries];
}
