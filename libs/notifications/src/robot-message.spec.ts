import { CHANNEL_TEST, renderRobotMessage } from './robot-message.js';
import { SAMPLES } from './templates/samples.js';

describe(renderRobotMessage.name, () => {
  const reminder = SAMPLES.find((s) => s.name === 'deadline-reminder')!;

  it("says in Chinese what the mail's subject says, with the matter's code, title, leading unit and the page's link", () => {
    const m = renderRobotMessage('deadline-reminder', reminder.data, 'zh-CN');
    const matter = (reminder.data as { matter: { code: string; url: string; title: { zh: string } } }).matter;
    expect(m.title).toMatch(/^【到期提醒】/);
    expect(m.markdown).toContain(matter.code);
    expect(m.markdown).toContain(`](${matter.url})`);
    expect(m.markdown).toContain('牵头单位：');
    // the mail's lead, which tells one reminder of a deadline from the next; no greeting to one person
    expect(m.markdown).toContain('本提醒于截止前7天发出。');
    expect(m.markdown).not.toContain('您好');
    expect(m.markdown).not.toContain('/api/');
  });

  it('is all English in an English group', () => {
    const m = renderRobotMessage('deadline-reminder', reminder.data, 'en');
    expect(m.markdown).toContain('Open the matter in Reformflow');
    expect(m.markdown).toContain('Leading unit: ');
    expect(m.title).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('renders the test message an office sends to a new robot', () => {
    const m = renderRobotMessage(
      CHANNEL_TEST,
      { unit: { zh: '市科技创新局' }, requestedBy: '李娜', settingsUrl: 'http://x/admin/units' },
      'zh-CN',
    );
    expect(m.markdown).toContain('市科技创新局的通知');
    expect(m.markdown).toContain('李娜');
  });
});
