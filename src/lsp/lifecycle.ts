/**
 * The LSP 3.17 lifecycle, enforced in front of the connection (which does
 * not enforce it): a message passes only when the server is in a state to
 * take it, otherwise the client gets the error the specification names.
 *
 *   new ──initialize──▶ running ──shutdown──▶ shutting down ──exit──▶ (gone)
 *
 * - new: a request other than `initialize` → -32002 ServerNotInitialized;
 *   notifications other than `exit` are dropped.
 * - running: a second `initialize` → -32600 InvalidRequest.
 * - shutting down: any request → -32600 InvalidRequest; notifications other
 *   than `exit` are dropped.
 * Responses (to requests the server sent) always pass; a message that is
 * none of the three → -32600 InvalidRequest.
 */
import { ErrorCodes, type Message, type RequestMessage, type ResponseMessage } from "vscode-languageserver/node";

export type LifecycleState = "new" | "running" | "shutting-down";

export class Lifecycle {
  state: LifecycleState = "new";

  /**
   * Should `message` reach the connection? When not, `answer` is the error
   * response to send (for a request), or undefined (a dropped notification).
   */
  admit(message: Message): { pass: true } | { pass: false; answer?: ResponseMessage } {
    if (!isRequest(message)) {
      const { method, id } = message as { method?: unknown; id?: unknown };
      if (typeof method !== "string" && !isResponse(message)) {
        const replyTo = typeof id === "number" || typeof id === "string" ? id : null;
        return { pass: false, answer: errorResponse(replyTo, ErrorCodes.InvalidRequest, "not a request, notification or response") };
      }
      if (typeof method !== "string" || method === "exit" || this.state === "running") return { pass: true };
      return { pass: false };
    }
    const refuse = (code: number, text: string) => ({ pass: false as const, answer: errorResponse(message.id, code, text) });
    switch (this.state) {
      case "new":
        if (message.method !== "initialize") return refuse(ErrorCodes.ServerNotInitialized, `${message.method} before initialize`);
        this.state = "running";
        return { pass: true };
      case "running":
        if (message.method === "initialize") return refuse(ErrorCodes.InvalidRequest, "initialize was already received");
        if (message.method === "shutdown") this.state = "shutting-down";
        return { pass: true };
      case "shutting-down":
        return refuse(ErrorCodes.InvalidRequest, `${message.method} after shutdown`);
    }
  }
}

export function errorResponse(id: RequestMessage["id"], code: number, message: string): ResponseMessage {
  return { jsonrpc: "2.0", id, error: { code, message } };
}

function isRequest(message: Message): message is RequestMessage {
  const candidate = message as { id?: unknown; method?: unknown };
  return typeof candidate.method === "string" && (typeof candidate.id === "number" || typeof candidate.id === "string");
}

function isResponse(message: Message): boolean {
  const candidate = message as { id?: unknown; result?: unknown; error?: unknown };
  return "id" in candidate && ("result" in candidate || "error" in candidate);
}
