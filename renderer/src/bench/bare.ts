import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import Bare from './Bare.svelte';

// The yardstick of bench/canvas.ts: a bare Svelte Flow page with n default nodes (?n=2000).
const n = Number(new URLSearchParams(location.search).get('n') ?? '1000');
(window as unknown as { benchStart: number }).benchStart = performance.now();
mount(Bare, { target: document.getElementById('app')!, props: { n } });
