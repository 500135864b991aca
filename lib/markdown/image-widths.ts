/** The widths article images are offered in (srcset) and Next's optimizer makes (next.config.ts deviceSizes). */
export const IMAGE_WIDTHS = [640, 750, 828, 1080, 1200, 1920];
