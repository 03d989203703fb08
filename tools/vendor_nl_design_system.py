"""Rebuild static/vendor/nl-design-system/ from the npm registry.

The NL Design System ships its components as built CSS on npm. We take that CSS
as it is (no Node at run time, nothing compiled here): this script downloads the
pinned package versions with `npm pack`, joins their minified CSS into one file
with a header naming every package and version, copies the licence, and derives
the component-token map from the example theme (see docs/design.md).

    python tools/vendor_nl_design_system.py   # needs npm; run by `make vendor-css`
"""

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "vendor" / "nl-design-system"

# package, version, file inside the package. Class-based CSS only: nothing of it
# styles a bare element, so it changes only what we mark with its classes.
COMPONENTS = [
    ("@nl-design-system-candidate/button-css", "1.1.0", "dist/button.css"),
    ("@nl-design-system-candidate/heading-css", "1.1.3", "dist/heading.css"),
    ("@nl-design-system-candidate/paragraph-css", "2.1.3", "dist/paragraph.css"),
    ("@nl-design-system-candidate/link-css", "2.0.3", "dist/link.css"),
    ("@nl-design-system-candidate/skip-link-css", "1.0.5", "dist/skip-link.css"),
    ("@nl-design-system-candidate/number-badge-css", "1.1.5", "dist/number-badge.css"),
    ("@nl-design-system-candidate/data-badge-css", "1.0.5", "dist/data-badge.css"),
    ("@nl-design-system-candidate/mark-css", "1.0.5", "dist/mark.css"),
    ("@nl-design-system-candidate/code-css", "2.0.3", "dist/code.css"),
    ("@utrecht/textbox-css", "4.0.1", "dist/index.min.css"),
    ("@utrecht/textarea-css", "4.0.1", "dist/index.min.css"),
    ("@utrecht/select-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/checkbox-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/radio-button-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/form-label-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/form-field-description-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/form-field-error-message-css", "3.0.1", "dist/index.min.css"),
    ("@utrecht/alert-css", "4.0.2", "dist/index.min.css"),
    ("@utrecht/table-css", "3.0.1", "dist/index.min.css"),
]
# The example theme maps every component token onto the shared "basis" tokens.
# We keep that map for our components; the basis values are ours (static/css/tokens.css).
TOKENS = ("@nl-design-system-unstable/voorbeeld-design-tokens", "7.4.1", "dist/theme.css")
TOKEN_PREFIXES = (
    "--nl-button-",
    "--nl-heading-",
    "--nl-paragraph-",
    "--nl-link-",
    "--nl-skip-link-",
    "--nl-number-badge-",
    "--nl-data-badge-",
    "--nl-mark-",
    "--nl-code-",
    "--utrecht-textbox-",
    "--utrecht-textarea-",
    "--utrecht-select-",
    "--utrecht-checkbox-",
    "--utrecht-radio-button-",
    "--utrecht-form-label-",
    "--utrecht-form-control-",
    "--utrecht-form-field-description-",
    "--utrecht-form-field-error-message-",
    "--utrecht-alert-",
    "--utrecht-table-",
)


def fetch(package, version, into):
    # npm from the PATH on purpose: whichever the machine has, only to download.
    command = ["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(into)]
    name = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603, S607
    name = name.stdout.split()[-1]
    folder = into / name.removesuffix(".tgz")
    with tarfile.open(into / name) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def strip_maps(css):
    return re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css).strip()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        parts, listed = [], []
        for package, version, path in COMPONENTS:
            folder = fetch(package, version, tmp)
            meta = json.loads((folder / "package.json").read_text())
            listed.append(f" *   {package}@{version} ({meta.get('license')})")
            parts.append(f"/* {package}@{version} */\n" + strip_maps((folder / path).read_text()))
        header = (
            "/*\n * NL Design System components, built CSS as published on npm.\n"
            " * Licence: EUPL-1.2 (LICENSE.md). Rebuilt by tools/vendor_nl_design_system.py.\n"
            + "\n".join(listed)
            + "\n */\n"
        )
        (OUT / "components.css").write_text(header + "\n".join(parts) + "\n")
        (OUT / "LICENSE.md").write_text((folder / "LICENSE.md").read_text())

        package, version, path = TOKENS
        theme = (fetch(package, version, tmp) / path).read_text()
        pairs = re.findall(r"^\s*(--[a-z0-9-]+):\s*([^;]+);", theme, flags=re.M)
        kept = sorted({(k, v) for k, v in pairs if k.startswith(TOKEN_PREFIXES)})
        lines = "\n".join(f"  {k}: {v};" for k, v in kept)
        (OUT / "component-tokens.css").write_text(
            f"/*\n * Component tokens of the NL Design System, each pointing at a basis token.\n"
            f" * From {package}@{version} (EUPL-1.2), only the components in components.css.\n"
            " * The basis tokens themselves are Samenplan's (static/css/tokens.css) or a\n"
            " * municipality's own theme. Rebuilt by tools/vendor_nl_design_system.py.\n */\n"
            f":root {{\n{lines}\n}}\n"
        )
    print(f"wrote {OUT.relative_to(ROOT)}: components.css, component-tokens.css, LICENSE.md")


if __name__ == "__main__":
    main()
