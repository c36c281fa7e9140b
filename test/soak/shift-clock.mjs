// Preload for the soak's killed CLI runs: the process's clock runs ZONESMITH_SOAK_CLOCK_OFFSET_MS ahead (or
// behind) the real one, so `new Date()` and `Date.now()` read the soak's simulated time. Test-only.
import process from 'node:process';

const offset = Number(process.env.ZONESMITH_SOAK_CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
