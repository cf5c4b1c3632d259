import type { SeasonStanding } from '../store/seasons.ts';
import type { Season } from './schedule.ts';

/** Everything the end-of-season post shows; rendered by src/discord/render/season.ts. */
export interface SeasonPostView {
  /** The guild the season belongs to (the podium card looks up its members' names there). */
  guildId: string;
  season: Pick<Season, 'id' | 'name'>;
  /** The season that starts now, if any. */
  next?: Pick<Season, 'name' | 'endDate'> & { days: number };
  /** The final top 3. */
  podium: SeasonStanding[];
  /** Members with points in the season. */
  participants: number;
  championRoleId?: string;
  /** Who was given the role. */
  champions: string[];
  /** Why the role could not be given. */
  roleProblem?: string;
}

/** What posting the end-of-season message did: its id, and what was left out of it and why. */
export interface SeasonPosted {
  messageId: string;
  /** E.g. the podium picture was left out because the bot may not attach files there. */
  problem?: string;
}

/** What the end-of-season runner needs from Discord; src/season/discord.ts implements it with discord.js. */
export interface SeasonDiscord {
  /** Posts the end-of-season message. Refusals throw `PostFailure` (src/daily/view.ts). */
  post(channelId: string, view: SeasonPostView): Promise<SeasonPosted>;
  /** Why the bot cannot give `roleId` in the guild right now, or undefined when it can. */
  roleProblem(guildId: string, roleId: string): Promise<string | undefined>;
  /** Whether the user is still a member of the guild. */
  isMember(guildId: string, userId: string): Promise<boolean>;
  addRole(guildId: string, userId: string, roleId: string): Promise<void>;
  /** Removes the role; a member who left is not an error. */
  removeRole(guildId: string, userId: string, roleId: string): Promise<void>;
}
