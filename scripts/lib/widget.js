// What seed 004's widget visitors send and hear, shared by widget-flow.js (k6/ws) and widget-flow-jload.js.

/** The pages and referrers visitors arrive with (the seed's). */
export const SAMPLE_PAGES = [
  'https://example.com/', 'https://example.com/pricing', 'https://example.com/features', 'https://example.com/about',
  'https://example.com/contact', 'https://example.com/blog', 'https://example.com/demo', 'https://example.com/signup',
  'https://example.com/products/widget', 'https://example.com/solutions/enterprise',
];
export const SAMPLE_REFERRERS = ['https://google.com', 'https://bing.com', 'https://twitter.com', 'https://linkedin.com',
  'https://facebook.com', '', 'direct'];

/** The events that answer a visitor:join (org:paused: the organisation is paused, the widget shows it is away). */
export const JOIN_ANSWERS = ['agent:assigned', 'agent:unavailable', 'org:paused'];
