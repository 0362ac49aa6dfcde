/**
 * The site's navigation. Status pages are listed by class; the list grows as pages are written
 * (src/content/status/*.mdx), and a unit test checks that every page is linked here.
 */
export const sidebar = [
  { label: "Explorer", link: "/" },
  { label: "Sandbox", link: "/sandbox/" },
  {
    label: "4xx Client errors",
    items: [{ label: "401 Unauthorized", link: "/status/401/" }],
  },
];
