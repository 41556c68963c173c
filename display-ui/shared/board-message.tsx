/** A full-screen message on a board (missing parameter, bad token, loading). */
export function BoardMessage(p: { text: string }) {
  return <div class="board-message">{p.text}</div>;
}
