// kling-wasm needs no Vite option: the .wasm is emitted as an asset beside the bundle.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({ plugins: [react()] });
