import { describe, expect, it } from 'vitest';
import { boardFileName, withBoardSuffix } from '../../../model/board/file-name.ts';

describe("a board's file name", () => {
  it('comes from its name without spaces or characters a file system refuses', () => {
    expect(boardFileName('Coffee counter')).toBe('coffee-counter.storm.json');
    expect(boardFileName('  Order  fulfilment: v2 / EU  ')).toBe('order-fulfilment-v2-eu.storm.json');
    expect(boardFileName('Заказы и доставка')).toBe('заказы-и-доставка.storm.json');
    expect(boardFileName('???')).toBe('board.storm.json');
    expect(boardFileName('shop.storm.json')).toBe('shop.storm.json');
  });
  it('gets the suffix once', () => {
    expect(withBoardSuffix('shop')).toBe('shop.storm.json');
    expect(withBoardSuffix('shop.storm.json')).toBe('shop.storm.json');
  });
});
