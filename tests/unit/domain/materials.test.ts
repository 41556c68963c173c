import { describe, expect, it } from 'vitest';
import { materialsShort } from '../../../server/domain/materials.js';

describe('materialsShort()', () => {
  it('joins the listed items on one line, without their numbering', () => {
    expect(materialsShort('1. 身份证原件\n2. 营业执照副本；3、公章')).toBe('身份证原件、营业执照副本、公章');
  });

  it('cuts a long list with an ellipsis at the given length', () => {
    const short = materialsShort('甲'.repeat(30) + '\n' + '乙'.repeat(30), 20);
    expect(short).toHaveLength(20);
    expect(short.endsWith('…')).toBe(true);
  });

  it('is empty for no materials', () => {
    expect(materialsShort('  \n ')).toBe('');
  });
});
