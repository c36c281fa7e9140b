/**
 * A simulated crash: thrown from an ApplyHooks.afterWrite hook, it ends the run where it stands (the engine's
 * RunHalted), leaving the lock held as a killed process would.
 */
export class SimulatedCrash extends Error {
  constructor(label: string) {
    super(`simulated crash after ${label}`);
    this.name = 'SimulatedCrash';
  }
}
