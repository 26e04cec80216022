/** Names derived from spec ids. Pure functions: the same spec id always yields the same name. */

/** `conversation_created` → `ConversationCreated`. */
export function pascalCaseFromSnake(name: string): string {
  return name
    .split("_")
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/** `Canvas LMS Live Events` → `canvas-lms-live-events`. */
export function kebabCase(name: string): string {
  return (
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "group"
  );
}
