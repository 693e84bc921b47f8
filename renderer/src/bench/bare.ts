import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import Bare from './Bare.svelte';

// The yardstick of bench/canvas.ts: a bare Svelte Flow page with n default nodes (?n=2000), and
// with `&visible` only those in view mounted (Svelte Flow's onlyRenderVisibleElements).
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? '1000');
(window as unknown as { benchStart: number }).benchStart = performance.now();
mount(Bare, { target: document.getElementById('app')!, props: { n, visible: params.has('visible') } });
