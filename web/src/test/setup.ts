import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom does not implement scrolling; the layout scrolls on navigation.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

// Vitest runs without globals, so Testing Library cannot register this itself.
afterEach(() => cleanup());
