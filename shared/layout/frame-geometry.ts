// How the canvas draws a group: a frame around its members' boxes, FRAME_PAD on every side plus a FRAME_HEADER title
// bar on top. Shared so the layout reserves exactly the room the renderer's frames take (shared/layout/group-frames).

export const FRAME_PAD = 20;
export const FRAME_HEADER = 30;
/** A group with no members is drawn this size (unless its stored box says otherwise). */
export const EMPTY_GROUP = { width: 320, height: 180 } as const;
/** An empty condition branch is drawn as a slot this size, beside the branch before it. */
export const EMPTY_BRANCH = { width: 260, height: 130 } as const;

export interface Size {
  width: number;
  height: number;
}

/** The size of a frame whose members' boxes together span `content`. */
export function framedSize(content: Size): Size {
  return { width: content.width + 2 * FRAME_PAD, height: content.height + 2 * FRAME_PAD + FRAME_HEADER };
}

/** Where a frame's members start, relative to the frame's top-left corner. */
export const FRAME_INSET = { x: FRAME_PAD, y: FRAME_PAD + FRAME_HEADER } as const;
