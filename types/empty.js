// The runtime side of `sendkit/types/react` and `sendkit/types/vue`: those entries only carry types.
export {};
