// Two forms for the same request, one per form library, on one page; both render before the
// wasm has loaded (the package's start does not block) and switch on their checks once it has.

import { useKlingStart } from "./kling";
import { RhfForm } from "./RhfForm";
import { TanStackForm } from "./TanStackForm";

export function App() {
  const start = useKlingStart();
  return (
    <main data-start={start.state}>
      <h1>Omni-Video request</h1>
      <p className="lead">
        Validated in the browser by kling-wasm's Standard Schema (<code>omniVideoSchema</code>); a valid request creates a task through the signing proxy
        at <code>/kling</code>.
      </p>
      <div className="forms">
        <RhfForm start={start} />
        <TanStackForm start={start} />
      </div>
    </main>
  );
}
