import { readFileSync } from 'node:fs';

/** One DST change (or, for zones without DST, an ordinary control day) from the fixture. */
export interface DstChange {
  date: string;
  gap?: [string, string];
  repeat?: [string, string];
  shiftMinutes?: number;
}

export interface DstZone {
  timeZone: string;
  changes: DstChange[];
}

/** The zones and DST changes of 2026–2027 the planner is tested across. */
export function loadDstZones(): DstZone[] {
  const url = new URL('../fixtures/daily/dst-changes-2026-2027.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { zones: DstZone[] }).zones;
}

/** Whether `time` (HH:MM) lies in the half-open local range [from, to). */
export function inRange(time: string, range: [string, string] | undefined): boolean {
  return range !== undefined && time >= range[0] && time < range[1];
}
