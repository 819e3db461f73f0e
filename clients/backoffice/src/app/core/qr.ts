import { Component, effect, ElementRef, inject, input, viewChild } from '@angular/core';
import { toCanvas } from 'qrcode';
import { I18n } from './i18n';

/** A QR code drawn in the browser (no service involved), with its address written under it. */
@Component({
  selector: 'app-qr',
  template: `<figure class="qr">
    <canvas #canvas [attr.aria-label]="t().qrFor(url())" role="img"></canvas>
    <figcaption>
      {{ caption() }}<br /><small>{{ url() }}</small>
    </figcaption>
  </figure>`,
})
export class QrCode {
  protected readonly t = inject(I18n).t;
  readonly url = input.required<string>();
  readonly caption = input('');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    effect(
      () =>
        void toCanvas(this.canvas().nativeElement, this.url(), {
          width: 220,
          margin: 1,
          errorCorrectionLevel: 'M',
        }),
    );
  }
}
