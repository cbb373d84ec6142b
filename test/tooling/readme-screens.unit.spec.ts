import { describe, expect, it } from 'vitest';
import { chooseShots, MAIN_SCREENS, README_END, README_START, withScreensSection } from './readme-screens.js';

describe('the README’s screenshots', () => {
  it('takes the main screens that exist, in their order, and leaves out the other sizes and steps', () => {
    const files = ['screens-ko-audit-laptop.png', 'screens-ko-audit-monitor.png', 'visit-ko-1-board-laptop.png', 'visit-ko-3-checked-in-laptop.png', 'notes.txt'];
    expect(chooseShots(files).map((shot) => shot.file)).toEqual(['visit-ko-1-board-laptop.png', 'screens-ko-audit-laptop.png']);
  });

  it('picks up the sync screens by name once they exist, the laptop size when there are two', () => {
    const files = ['desk-sync-badge-offline-laptop.png', 'desk-sync-badge-offline-monitor.png', 'desk-sync-conflicts-laptop.png', MAIN_SCREENS[0]?.file ?? ''];
    expect(chooseShots(files).map((shot) => shot.file)).toEqual([MAIN_SCREENS[0]?.file, 'desk-sync-badge-offline-laptop.png', 'desk-sync-conflicts-laptop.png']);
    expect(chooseShots(['sync-settings.png']).map((shot) => [shot.file, shot.caption])).toEqual([['sync-settings.png', 'Sync: sync settings']]);
  });

  it('captions the sync shots the e2e run makes in words, whatever their size', () => {
    expect(chooseShots(['sync-e-1-quarantined-laptop.png', 'sync-e-1-quarantined-monitor.png']).map((shot) => [shot.file, shot.caption])).toEqual([
      ['sync-e-1-quarantined-laptop.png', 'Sync: a record HQ refused, set aside with HQ’s reason'],
    ]);
    expect(chooseShots(['sync-z-9-new-monitor.png']).map((shot) => shot.caption)).toEqual(['Sync: sync z 9 new monitor']);
  });

  it('rewrites only the README’s screens section', () => {
    const readme = `# x\n\nbefore\n${README_START}\nold\n${README_END}\nafter\n`;
    const written = withScreensSection(readme, [{ file: 'a.png', caption: 'A' }]);
    expect(written).toBe(`# x\n\nbefore\n${README_START}\n\n**A**\n\n![A](docs/screens/a.png)\n\n${README_END}\nafter\n`);
    expect(withScreensSection(written, [{ file: 'a.png', caption: 'A' }])).toBe(written);
  });

  it('refuses a README without the section rather than append somewhere', () => {
    expect(() => withScreensSection('# x\n', [])).toThrow(/no screens section/);
  });
});
