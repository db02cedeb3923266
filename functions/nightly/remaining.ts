/** The time an invocation has left, from Lambda's context, for a dispatch to hand on its rest in time. */
export const remainingOf = (context?: { getRemainingTimeInMillis?: () => number }) => {
  const left = context?.getRemainingTimeInMillis?.bind(context);
  return left ? { remainingMs: left } : {};
};
