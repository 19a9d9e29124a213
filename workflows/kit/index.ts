// The case-workflow kit: what every case workflow uses to open and change its case, run its
// deadline, take decisions (with four-eyes where a second person must approve), hear facts and
// start child cases. One import for workflows: `from '../kit/index.js'`.
export * from './actors.js';
export * from './case-type.js';
export * from './children.js';
export * from './database-activities.js';
export * from './deadline.js';
export * from './duties.js';
export * from './decisions.js';
export * from './events.js';
export * from './facts.js';
export * from './failures.js';
export * from './four-eyes.js';
export * from './instants.js';
export * from './recorder.js';
export * from './refused-input.js';
export * from './search-attributes.js';
export * from './tell.js';
