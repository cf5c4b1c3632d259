export * from './member.ts';
export * from './periods.ts';
export * from './points.ts';
export * from './ranking.ts';
export * from './streak.ts';
