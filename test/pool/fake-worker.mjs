// A stand-in worker speaking the pool's protocol: it "processes" a file by
// answering unchanged, and crashes (exits the thread) on a path containing
// "crash", so the pool's crash handling can be tested without a real bug.
import { parentPort } from "node:worker_threads";

parentPort.on("message", (message) => {
  if (message.type !== "batch") return;
  if (message.tasks.some((t) => t.path.includes("crash"))) process.exit(3);
  const results = message.tasks.map((t) => ({ status: "unchanged", index: t.index, path: t.path }));
  parentPort.postMessage({ type: "results", batch: message.batch, results });
});
