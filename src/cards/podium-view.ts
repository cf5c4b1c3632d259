import { pct } from './draw.ts';
import type { PodiumCardData } from './podium.ts';
import { counted } from './words.ts';

/** A season's end as the podium needs it: a structural subset of src/season's post view, so cards stay apart. */
export interface PodiumInput {
  seasonName: string;
  /** Members with points in the season. */
  participants: number;
  /** The final standings, best first; only the top 3 are drawn. */
  podium: readonly {
    rank: number;
    userId: string;
    points: number;
    accuracy: number;
    streak: number;
    left?: boolean;
  }[];
  /** The season that starts now. */
  next?: { name: string; days: number };
}

/** The podium in two forms: the card's data and its plain-text version (the picture's alt text). */
export interface PodiumView {
  card: PodiumCardData;
  text: string;
}

/**
 * Builds the podium card and its alt text. `names` gives display names; a member missing from it (who
 * left the server) shows as "former member". Pure.
 */
export function podiumView(input: PodiumInput, names: ReadonlyMap<string, string>): PodiumView {
  const top = input.podium.filter((s) => s.rank >= 1).slice(0, 3);
  const nameOf = (s: PodiumInput['podium'][number]) => names.get(s.userId) ?? 'former member';
  const next = input.next
    ? `Next: ${input.next.name}, ${counted(input.next.days, 'day')} to climb the board`
    : '';
  const card: PodiumCardData = {
    title: input.seasonName,
    participants: input.participants,
    places: top.map((s) => ({
      rank: s.rank,
      name: nameOf(s),
      points: s.points,
      accuracy: s.accuracy,
      streak: s.streak,
    })),
    footer: next,
  };
  const lines = top.map((s) => {
    const streak = s.streak > 0 ? `, ${s.streak}-day streak` : '';
    const left = s.left ? ' (left the server)' : '';
    return `${s.rank}. ${nameOf(s)}${left}: ${counted(s.points, 'point')}, ${pct(s.accuracy)} right${streak}`;
  });
  const text = [
    `${input.seasonName}, final standings${top.length === 0 ? ': nobody scored.' : ':'}`,
    ...lines,
    `${counted(input.participants, 'member')} took part.`,
    ...(next ? [`${next}.`] : []),
  ].join('\n');
  return { card, text };
}
