/** why a keypad's PAUSE key pauses a window (a keypad cannot type one) */
export const KEYPAD_PAUSE_REASON = '临时离岗';
