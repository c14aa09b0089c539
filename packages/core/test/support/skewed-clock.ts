// Preloaded (`node --import`) into a child process to run it with a clock that is off by
// ONBEHALF_TEST_CLOCK_SKEW_MS, as an instance on a badly synchronised machine would be.
const skew = Number(process.env.ONBEHALF_TEST_CLOCK_SKEW_MS ?? 0);
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + skew;
