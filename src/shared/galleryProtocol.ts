// The host⇄gallery message protocol, parsed on both sides; a message that does not match is dropped
// (and logged on the host). zod's mini build keeps the gallery's bundle small: the schemas are the
// same, written as functions. The gallery sends no request that needs an answer but for thumbnails,
// which the host answers with `thumbnailSaved` carrying the item's id.
import * as z from 'zod/mini';
import { MAX_THUMBNAIL_BASE64 } from '../domain/thumbnail';
import { GALLERY_STRING_KEYS } from './galleryStrings';

const MAX_ID = 200;
const MAX_URI = 8192;
const id = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const uri = z.string().check(z.maxLength(MAX_URI));

export const fromGallerySchema = z.discriminatedUnion('type', [
  /** The page is ready for its items; `showFailed` is what it kept from before a reload. */
  z.object({ type: z.literal('ready'), showFailed: z.boolean() }),
  /** Enter or a click on an item: the preview (a video), the details (a failed task). */
  z.object({ type: z.literal('open'), id }),
  /** A thumbnail the page made from the saved video: JPEG bytes in base64, size-capped. */
  z.object({ type: z.literal('thumbnail'), id, jpeg: z.base64().check(z.minLength(4), z.maxLength(MAX_THUMBNAIL_BASE64)) }),
  z.object({ type: z.literal('showFailed'), on: z.boolean() }),
  /** The Tasks view's filter: change it (the same quick picks), or clear it. */
  z.object({ type: z.literal('filter') }),
  z.object({ type: z.literal('clearFilter') }),
]);
export type FromGallery = z.infer<typeof fromGallerySchema>;

export const galleryItemSchema = z.object({
  id,
  taskId: id,
  kind: z.enum(['video', 'running', 'failed']),
  title: z.string().check(z.maxLength(1000)),
  model: z.string().check(z.maxLength(MAX_ID)),
  seconds: z.optional(z.number()),
  status: z.string().check(z.maxLength(200)),
  startedAt: z.number(),
  /** The cached thumbnail (webview URI). */
  thumb: z.optional(uri),
  /** The saved video (webview URI): hover previews and thumbnail making. */
  video: z.optional(uri),
  /** `data-vscode-context` words, the tree's contextValue: which menu items apply. */
  menu: z.string().check(z.maxLength(200)),
});
export type GalleryWireItem = z.infer<typeof galleryItemSchema>;

const stringsSchema = z.object(Object.fromEntries(GALLERY_STRING_KEYS.map((k) => [k, z.string()])) as Record<(typeof GALLERY_STRING_KEYS)[number], z.ZodMiniString>);

const itemsFields = {
  /** Items that are new or changed since the last message (all of them in `init`). */
  changed: z.array(galleryItemSchema),
  /** Every shown item's id in order: an id not in it is gone. */
  order: z.array(id),
  /** The Tasks view's filter in words; '' when none. */
  filter: z.string().check(z.maxLength(1000)),
};

export const toGallerySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    strings: stringsSchema,
    showFailed: z.boolean(),
    ...itemsFields,
    /**
     * The first screen's cached thumbnails themselves (JPEG in base64, by item id): in code-server
     * each picture fetched as a file took a trip through the webview's resource loader.
     */
    pictures: z.optional(z.record(id, z.base64().check(z.maxLength(MAX_THUMBNAIL_BASE64)))),
  }),
  z.object({ type: z.literal('items'), ...itemsFields }),
  z.object({ type: z.literal('thumbnailSaved'), id, thumb: uri }),
]);
export type ToGallery = z.infer<typeof toGallerySchema>;
