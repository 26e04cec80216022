import type { Json, JsonMap } from "./asyncapi-document.js";
import { isMapValue } from "./asyncapi-document.js";
import type { SpecMap } from "./schema-to-spec.js";

/**
 * What a message says about its event besides the body, whatever the payload's shape: the
 * definition (summary, title or the payload's description), the trigger (the message's
 * description), eventspec's own extensions, and deprecation. `definition` is undefined when the
 * message has none, for the caller to report; the spec then says so in its place.
 */
export function messageEventHeader(props: { message: JsonMap; payload: Json | undefined; key: string; wireName: string }): { spec: SpecMap; definition: string | undefined } {
  const { message, key, wireName } = props;
  const payload = isMapValue(props.payload) ? props.payload : undefined;
  const definition = [message.summary, message.title, payload?.description].find((text): text is string => typeof text === "string" && text.trim() !== "");
  const deprecated = typeof message["x-eventspec-deprecated"] === "string" ? message["x-eventspec-deprecated"] : payload?.deprecated === true || message.deprecated === true ? true : undefined;
  return {
    definition,
    spec: {
      ...(wireName === key ? {} : { eventName: wireName }),
      definition: definition ?? "No summary in the AsyncAPI document.",
      ...(typeof message.description === "string" && message.description.trim() !== "" ? { trigger: message.description } : {}),
      ...(typeof message["x-eventspec-description"] === "string" ? { description: message["x-eventspec-description"] } : {}),
      ...(deprecated === undefined ? {} : { deprecated }),
    },
  };
}
