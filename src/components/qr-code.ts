import { encode } from "uqr";

const svgNamespace = "http://www.w3.org/2000/svg";

/**
 * A QR code of a URL as an SVG element built node by node (no markup strings), so the
 * audience can open the presenter's address from their phones.
 */
export function qrCodeElement(text: string, label: string): SVGSVGElement {
  const { data, size } = encode(text, { border: 2, ecc: "M" });
  const svg = document.createElementNS(svgNamespace, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(svgNamespace, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  svg.append(background);
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const modules = document.createElementNS(svgNamespace, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#000");
  svg.append(modules);
  return svg;
}
