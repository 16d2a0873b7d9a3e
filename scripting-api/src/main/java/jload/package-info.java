/**
 * The API jload scenarios are written against, in any language. A virtual user (VU) sees one
 * {@link jload.VuContext}; metrics are made with {@link jload.Metrics}. Calls are synchronous:
 * a VU is a virtual thread, so blocking reads like the story being tested.
 */
package jload;
