/** Race mode of /quiz: public rounds in a channel. */
export {
  discordRaceDisplay,
  RACE_ANSWERS,
  raceComponents,
  raceFeature,
  raceServiceOf,
  type StartRaceOptions,
  startRace,
} from './discord.ts';
export { pickRaceQuestions } from './pick.ts';
export * from './race.ts';
export * from './round.ts';
export {
  type AnswerOutcome,
  DEFAULT_RACE_SETTINGS,
  type RaceDisplay,
  RaceService,
  type RaceServiceDeps,
  type RaceSettings,
  type RaceStart,
  runningRaceMessage,
} from './runner.ts';
export { type Cancel, ManualScheduler, type Scheduler, timerScheduler } from './scheduler.ts';
export { type ChannelClaim, RaceStore } from './store.ts';
