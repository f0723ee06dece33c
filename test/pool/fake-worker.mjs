// A stand-in worker speaking the pool's protocol: it "processes" a file by
// answering unchanged, crashes (exits the thread) on a path containing
// "crash" and never returns on one containing "hang", so the pool's crash and
// timeout handling can be tested without a real bug. With workerData
// `{ failStart: true }` it dies before saying it is ready.
import { parentPort, workerData } from "node:worker_threads";

if (workerData?.failStart) process.exit(4);

parentPort.on("message", (message) => {
  if (message.type !== "batch") return;
  if (message.tasks.some((t) => t.path.includes("crash"))) process.exit(3);
  if (message.tasks.some((t) => t.path.includes("hang"))) for (;;);
  const results = message.tasks.map((t) => ({ status: "unchanged", index: t.index, path: t.path }));
  parentPort.postMessage({ type: "results", batch: message.batch, results });
});
parentPort.postMessage({ type: "ready" });
