import { describe, expect, it } from 'vitest';
import { languagesOf, leadersOf, WordEndings } from './clue-lists.js';

describe('languagesOf', () => {
  it('lists each word with every language whose list holds it, across lists', () => {
    const languages = languagesOf({ spa: 'una tráfico', por: 'uma tráfico' }, { ita: 'una' });
    expect(languages.get('tráfico')).toEqual(['spa', 'por']);
    expect(languages.get('una')).toEqual(['spa', 'ita']);
    expect(languages.get('uma')).toEqual(['por']);
  });

  it('counts a word listed twice for one language once', () => {
    expect(languagesOf({ eng: 'killed dead killed' }, { eng: 'killed' }).get('killed')).toEqual(['eng']);
  });
});

describe('WordEndings', () => {
  const endings = new WordEndings({ spa: 'ción ciones', ita: 'zione', fra: 'ion' }, 6);

  it('gives a word its longest listed ending', () => {
    expect(endings.of('operaciones')).toBe('ciones');
    expect(endings.of('operación')).toBe('ción');
    expect(endings.of('produzione')).toBe('zione');
    expect(endings.of('opinion')).toBe('ion');
  });

  it('reads no ending of a word shorter than its least length, nor of one with none listed', () => {
    expect(endings.of('nación')).toBe('ción');
    expect(endings.of('unión')).toBeUndefined();
    expect(endings.of('policía')).toBeUndefined();
  });
});

describe('leadersOf', () => {
  it('gives the languages tied at the most votes, a third counted as a third', () => {
    expect(leadersOf(new Map([['spa', 1 / 3 + 1 / 3 + 1 / 3], ['por', 1], ['ita', 0.5]]))).toEqual(['spa', 'por']);
    expect(leadersOf(new Map([['fra', 2], ['eng', 1]]))).toEqual(['fra']);
  });
});
