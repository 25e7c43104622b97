// The one statistic the sections report their rounds by.

/** The middle value (the upper of the two middles for an even count); the input is not reordered. */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
