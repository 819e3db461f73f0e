/**
 * How the venue's screen announces a call: a two-note chime (Web Audio, no sound file to fetch) and, if the
 * venue wants it, the number spoken in the page's language (Web Speech API). Browsers only play sound after a
 * person has touched the page, so a button turns it on; a kiosk started with autoplay allowed needs no touch.
 */
export interface Announcer {
  /** True once the browser lets the page play sound. */
  readonly soundOn: boolean;
  /** Asks for sound (call from a click); resolves to whether the browser allowed it. */
  enableSound(): Promise<boolean>;
  announce(spoken: string | null, lang: string): void;
}

export function createAnnouncer(): Announcer {
  const AudioContextClass: typeof AudioContext | undefined = window.AudioContext;
  let context: AudioContext | undefined;
  let pendingSpeech: ReturnType<typeof setTimeout> | undefined;
  const running = () => context?.state === 'running';

  function chime(ctx: AudioContext): void {
    const start = ctx.currentTime;
    // E6 then C6: the familiar "ding-dong" of counters, each note with a soft attack and a long decay.
    [1318.5, 1046.5].forEach((frequency, i) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      const at = start + i * 0.45;
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.2);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 1.25);
    });
  }

  return {
    get soundOn() {
      return running();
    },
    async enableSound() {
      if (!AudioContextClass) return false;
      context ??= new AudioContextClass();
      if (context.state !== 'running') await context.resume().catch(() => undefined);
      return running();
    },
    announce(spoken, lang) {
      if (!context || !running()) return;
      chime(context);
      if (!spoken || !('speechSynthesis' in window)) return;
      const utterance = new SpeechSynthesisUtterance(spoken);
      utterance.lang = lang;
      // After the chime; a newer call replaces one not yet spoken.
      clearTimeout(pendingSpeech);
      window.speechSynthesis.cancel();
      pendingSpeech = setTimeout(() => window.speechSynthesis.speak(utterance), 900);
    },
  };
}
