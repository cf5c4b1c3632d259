import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVICES = [
  'AMI',
  'EBS',
  'EFS',
  'ELB',
  'ASG',
  'RDS',
  'S3',
  'VPC',
  'IAM',
  'SQS',
  'SNS',
  'KMS',
  'Lambda',
];
const FOLDERS = ['aws', 'compute', 'storage', 'network', 'security', 'database', 'messaging', 'ops'];

/**
 * A note shaped like data/aws/ami.md (frontmatter, prose highlights, a tip, three tables, numbered
 * steps in a fence, an ASCII diagram and ten question callouts), varied by `index` so every note
 * has distinct prompts. Deterministic: the same index always gives the same text.
 */
export function seedShapedNote(index: number): string {
  const s = `${SERVICES[index % SERVICES.length]}${index}`;
  const questions = Array.from(
    { length: 10 },
    (_, q) =>
      `> [!question]- Q${q + 1}: What does ${s} feature ${q} do?\n> **Answer:**\n> ${s} feature ${q} gives ==benefit ${q} of ${s}== to every instance. It also keeps ==state ${q}== consistent across regions.\n`,
  ).join('\n');
  return `---
title: ${s} (Study note ${index})
tags:
  - aws
  - saa-c03
  - ${s.toLowerCase()}
---

# ${s} (Study note ${index})

## What is ${s}?

${s} is a ==managed building block ${index}== — it packages the OS, software, configuration, and data into a reusable unit.

> [!tip] Key Benefit
> ${s} gives ==faster boot times ${index}== because all software is pre-installed. No need to run scripts.

## ${s} Characteristics

| Feature               | Details                                       |
| --------------------- | --------------------------------------------- |
| **Contains**          | OS, software, configuration, monitoring tools |
| **Region**            | Built for a ==specific region==               |
| **Cross-Region**      | Can be ==copied across regions==              |
| **Boot speed**        | ==Faster== than installing via User Data      |
| **Behind the scenes** | Creates ==EBS snapshots==                     |

## ${s} Sources

| Source          | Description                             |
| --------------- | --------------------------------------- |
| **Public**      | Provided by AWS (e.g., Amazon Linux 2)  |
| **Custom**      | Created and maintained by you           |
| **Marketplace** | Made/sold by vendors on AWS Marketplace |

## ${s} Creation Process

\`\`\`
1. Launch EC2 Instance
   └── Start with a base image

2. Customize Instance
   └── Install software, configure settings

3. Stop Instance
   └── Ensures data integrity

4. Create ${s}
   └── Creates EBS snapshots behind the scenes

5. Launch from ${s}
   └── New instances boot with all software pre-installed
\`\`\`

\`\`\`
┌──────────┐     ┌──────────┐
│   EC2    │────▶│  ${s.padEnd(8).slice(0, 8)}│
└──────────┘     └──────────┘
\`\`\`

## Why Use ${s}?

| Without ${s}               | With ${s}                       |
| -------------------------- | ------------------------------- |
| Launch instance            | Launch from ${s}                |
| Run User Data (install)    | Software already installed      |
| Wait 2-3 minutes for setup | ==Boot in seconds==             |
| Repeat for every instance  | Consistent across all instances |

## Questions & Answers

${questions}`;
}

/** Writes `count` seed-shaped notes into `dir`, spread over a few folders; returns their paths. */
export function writeCorpus(dir: string, count: number): string[] {
  const paths: string[] = [];
  for (const folder of FOLDERS) mkdirSync(join(dir, folder), { recursive: true });
  for (let index = 0; index < count; index++) {
    const path = join(
      dir,
      FOLDERS[index % FOLDERS.length] as string,
      `note-${String(index).padStart(5, '0')}.md`,
    );
    writeFileSync(path, seedShapedNote(index));
    paths.push(path);
  }
  return paths;
}
