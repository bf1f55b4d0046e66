// The shadow DOM of a player. Controls carry `data-request` (what they ask the player to do, media-chrome
// style); the player writes its state back as attributes on `.root` and the CSS follows those attributes.
// `part` names let a tenant's stylesheet reach inside with ::part().
// Every text comes from the player's message catalogue (see i18n/).
import type { PlayerMessages } from '../i18n/player-messages.js';
import { ICONS } from './icons.js';
import { PLAYER_CSS } from './styles.js';

export function playerHtml(m: PlayerMessages): string {
  return `
<style>${PLAYER_CSS}</style>
<div class="root" part="root" role="region" lang="${m.language}" aria-label="${m.player}" paused>
  <video part="video" playsinline preload="metadata"></video>
  <div class="cues" part="captions"></div>
  <div class="top" part="top">
    <div class="title" part="title"></div>
    <img class="logo" part="logo" alt="">
  </div>
  <div class="platform-mark" part="platform-mark" hidden>OTT Cloud</div>
  <div class="spinner" part="spinner" role="progressbar" aria-label="${m.loading}"></div>
  <button class="big-play" part="big-play" data-request="toggle-play" aria-label="${m.play}">${ICONS.play}</button>
  <div class="message" part="message" role="alert">
    <p class="message-text"></p>
    <button class="retry" data-request="retry" hidden>${m.tryAgain}</button>
  </div>
  <div class="controls" part="controls">
    <div class="seek-wrap">
      <div class="chapter-marks" part="chapter-marks"></div>
      <input class="seek" part="seek" type="range" min="0" max="0" step="any" value="0" aria-label="${m.seek}" aria-valuetext="${m.seekValue(m.seconds(0), m.seconds(0))}">
      <div class="preview" part="preview" aria-hidden="true"><div class="preview-image"></div><span class="preview-chapter"></span><span class="preview-time">0:00</span></div>
    </div>
    <div class="bar">
      <button class="play-button" data-request="toggle-play" aria-label="${m.play}" aria-keyshortcuts="k"><span class="play-icon">${ICONS.play}</span><span class="pause-icon">${ICONS.pause}</span></button>
      <button class="mute-button" data-request="toggle-mute" aria-label="${m.mute}" aria-keyshortcuts="m"><span class="volume-icon">${ICONS.volume}</span><span class="muted-icon">${ICONS.muted}</span></button>
      <input class="volume" part="volume" type="range" min="0" max="1" step="0.05" value="1" aria-label="${m.volume}" aria-valuetext="100%">
      <span class="time" part="time"><span class="current">0:00</span><span class="time-total"> / <span class="duration">0:00</span></span></span>
      <span class="spacer"></span>
      <button class="captions-button" data-request="menu:captions" aria-label="${m.captions}" aria-keyshortcuts="c" aria-haspopup="menu" aria-expanded="false" hidden>${ICONS.captions}</button>
      <button class="audio-button" data-request="menu:audio" aria-label="${m.audio}" aria-haspopup="menu" aria-expanded="false" hidden>${ICONS.audio}</button>
      <button class="chapters-button" data-request="menu:chapters" aria-label="${m.chapters}" aria-haspopup="menu" aria-expanded="false" hidden>${ICONS.chapters}</button>
      <button class="rate-button text-button" data-request="menu:rate" aria-label="${m.speedLabel(1)}" aria-haspopup="menu" aria-expanded="false">1×</button>
      <button class="quality-button" data-request="menu:quality" aria-label="${m.qualityLabel(m.qualityAuto)}" aria-haspopup="menu" aria-expanded="false" hidden>${ICONS.quality}</button>
      <button class="pip-button" data-request="toggle-pip" aria-label="${m.pictureInPicture}" aria-keyshortcuts="i" hidden>${ICONS.pip}</button>
      <button class="more-button" data-request="menu:more" aria-label="${m.moreControls}" aria-haspopup="menu" aria-expanded="false" hidden>${ICONS.more}</button>
      <button class="fullscreen-button" data-request="toggle-fullscreen" aria-label="${m.fullscreen}" aria-keyshortcuts="f"><span class="enter-icon">${ICONS.fullscreen}</span><span class="exit-icon">${ICONS.exitFullscreen}</span></button>
    </div>
  </div>
  <div class="menu" part="menu" role="menu" hidden></div>
  <div class="sr-only" aria-live="polite"></div>
</div>`;
}
