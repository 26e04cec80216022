import { kebabCase } from "../../model/names.js";
import type { Finding } from "../findings.js";
import { follow, isMapValue, type AsyncApiDocument, type Json, type JsonMap } from "./asyncapi-document.js";

export interface FoundMessage {
  /** The message's id: its key in `components.messages` or in its channel, else its name. */
  key: string;
  /** The message object, references followed and traits applied. */
  value: JsonMap;
  /** Where the message object is written. */
  pointer: string;
  /** The spec group: the first channel that carries the message. */
  group: { name: string; description?: string; file: string };
}

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const UNCHANNELLED = { name: "Messages", file: "messages.yaml" };

/**
 * Every message of an AsyncAPI 2.x or 3.x document, once each, in document order: those of the
 * channels first (3.x: `channels.*.messages`; 2.x: each operation's `message`, or its `oneOf`),
 * then `components.messages` that no channel uses.
 */
export function listMessages(document: AsyncApiDocument, findings: Finding[]): FoundMessage[] {
  const found = new Map<string, FoundMessage>();
  const add = (entry: Json | undefined, pointer: string, fallbackKey: string, group: FoundMessage["group"]) => {
    const followed = follow(document, entry, pointer, findings);
    if (!isMapValue(followed.value) || found.has(followed.pointer)) return;
    const fromComponents = /^\/components\/messages\/([^/]+)$/.exec(followed.pointer)?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
    const key = fromComponents ?? (typeof followed.value.name === "string" && document.major === 2 ? followed.value.name : typeof followed.value.messageId === "string" ? followed.value.messageId : fallbackKey);
    found.set(followed.pointer, { key, value: withTraits(document, followed.value, followed.pointer, findings), pointer: followed.pointer, group });
  };
  const channels = isMapValue(document.root.channels) ? document.root.channels : {};
  for (const [channelKey, channelEntry] of Object.entries(channels)) {
    const channelPointer = `/channels/${escape(channelKey)}`;
    const channel = follow(document, channelEntry, channelPointer, findings);
    if (!isMapValue(channel.value)) continue;
    const group = {
      name: typeof channel.value.title === "string" ? channel.value.title : channelKey,
      ...(typeof channel.value.description === "string" ? { description: channel.value.description } : {}),
      file: `${kebabCase(channelKey)}.yaml`,
    };
    if (document.major === 3) {
      const messages = isMapValue(channel.value.messages) ? channel.value.messages : {};
      for (const [messageKey, entry] of Object.entries(messages)) add(entry, `${channel.pointer}/messages/${escape(messageKey)}`, messageKey, group);
    } else {
      for (const operation of ["subscribe", "publish"]) {
        const op = channel.value[operation];
        if (!isMapValue(op)) continue;
        const message = follow(document, op.message, `${channel.pointer}/${operation}/message`, findings);
        if (isMapValue(message.value) && Array.isArray(message.value.oneOf)) {
          message.value.oneOf.forEach((entry, index) => add(entry, `${message.pointer}/oneOf/${index}`, `${channelKey}_${operation}_${index}`, group));
        } else add(op.message, `${channel.pointer}/${operation}/message`, typeof op.operationId === "string" ? op.operationId : `${channelKey}_${operation}`, group);
      }
    }
  }
  const components = isMapValue(document.root.components) && isMapValue(document.root.components.messages) ? document.root.components.messages : {};
  for (const [messageKey, entry] of Object.entries(components)) add(entry, `/components/messages/${escape(messageKey)}`, messageKey, UNCHANNELLED);
  return [...found.values()];
}

/**
 * Message traits merged in as the specification says (JSON Merge Patch, RFC 7386): maps merge key
 * by key, so a trait's headers and the message's own join; anything else, the message's own wins.
 */
function withTraits(document: AsyncApiDocument, message: JsonMap, pointer: string, findings: Finding[]): JsonMap {
  if (!Array.isArray(message.traits)) return message;
  let merged: JsonMap = {};
  message.traits.forEach((trait, index) => {
    const value = follow(document, trait, `${pointer}/traits/${index}`, findings).value;
    if (isMapValue(value)) merged = mergePatch(merged, value);
  });
  const { traits: _traits, ...own } = message;
  return mergePatch(merged, own);
}

function mergePatch(target: JsonMap, patch: JsonMap): JsonMap {
  const result: JsonMap = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const before = result[key];
    Object.defineProperty(result, key, { value: isMapValue(before) && isMapValue(value) && !Object.hasOwn(value, "$ref") && !Object.hasOwn(before, "$ref") ? mergePatch(before, value) : value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
