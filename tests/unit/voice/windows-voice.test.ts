import { describe, expect, it } from 'vitest';
import { checkWindowsVoice } from '../../../drivers/voice/voice-output.js';

// what the PowerShell voice listing prints on a Windows 10 PC with the Chinese speech pack
const LISTED = 'Microsoft Huihui Desktop\r\nMicrosoft Zira Desktop\r\nMicrosoft David Desktop\r\n';

describe('the Windows (SAPI) voice check', () => {
  it('accepts an installed Chinese voice', () => {
    expect(() => checkWindowsVoice(LISTED, 'Microsoft Huihui Desktop')).not.toThrow();
  });

  it('names the voices installed and what to add when the Chinese one is missing', () => {
    expect(() => checkWindowsVoice('Microsoft Zira Desktop\r\n', 'Microsoft Huihui Desktop')).toThrow(
      /installed: Microsoft Zira Desktop.*中文\(简体\) speech pack/,
    );
  });

  it("refuses a voice name that would break out of say's PowerShell string", () => {
    expect(() => checkWindowsVoice(LISTED, "x');Remove-Item C:\\ -Recurse;('")).toThrow(/characters/);
  });
});
