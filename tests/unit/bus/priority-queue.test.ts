import { describe, expect, it } from 'vitest';
import { Priority, PriorityQueue } from '../../../drivers/bus/priority-queue.js';

describe('bus priority queue', () => {
  it('hands out a board update before polls queued earlier', () => {
    const q = new PriorityQueue<string>();
    q.push('poll-1', Priority.poll);
    q.push('poll-2', Priority.poll);
    q.push('txt', Priority.display);
    expect(q.shift()).toBe('txt');
    expect(q.shift()).toBe('poll-1');
  });

  it('keeps first-in first-out order within one priority', () => {
    const q = new PriorityQueue<number>();
    for (const n of [1, 2, 3]) q.push(n, Priority.command);
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([1, 2, 3, undefined]);
  });

  it('orders window strip, hall board, command, poll, probe', () => {
    const q = new PriorityQueue<string>();
    q.push('probe', Priority.probe);
    q.push('poll', Priority.poll);
    q.push('show', Priority.command);
    q.push('board', Priority.hallBoard);
    q.push('strip', Priority.display);
    expect(q.drain()).toEqual(['strip', 'board', 'show', 'poll', 'probe']);
    expect(q.size).toBe(0);
  });

  it('finds a waiting item in any lane and leaves it in its place', () => {
    const q = new PriorityQueue<{ line: number; text: string }>();
    q.push({ line: 0, text: 'A001' }, Priority.display);
    q.push({ line: 1, text: 'A002' }, Priority.hallBoard);
    const waiting = q.find((item) => item.line === 1);
    expect(waiting?.text).toBe('A002');
    waiting!.text = 'A003';
    expect(q.find((item) => item.line === 2)).toBeUndefined();
    expect(q.drain().map((item) => item.text)).toEqual(['A001', 'A003']);
  });
});
