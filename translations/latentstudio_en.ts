<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Cli</name>
    <message>
        <source>latentstudio-cli: --threads needs a non-negative number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>latentstudio-cli: unknown command "%1" (see latentstudio-cli help)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]

Commands:
  --version, version     product, library and device versions
  txt2img                text to image (A1111 parameters; --request, --infotext)
  samplers               A1111 sampler names and aliases (JSON)
  schedules              A1111 schedule types (JSON)
  help                   this text

txt2img options:
  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]
  [--infotext TEXT] [--request FILE]   (explicit flags win)
</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GenerationRunner</name>
    <message>
        <source>Could not save the image: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>The studio stopped while this job was running.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch size %1 is outside 1–%2.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The queue is full (%n job(s) waiting). Wait for jobs to finish or raise the limit in the settings.</source>
        <translation><numerusform>The queue is full (%n job waiting). Wait for jobs to finish or raise the limit in the settings.</numerusform><numerusform>The queue is full (%n jobs waiting). Wait for jobs to finish or raise the limit in the settings.</numerusform></translation>
    </message>
    <message>
        <source>The job could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only a finished job can be run again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No such job.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent</name>
    <message>
        <source>Model not found: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAE not found: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the output folder %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Out of memory.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>latentstudio-cli: the output folder failed (%1); the image was saved to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" must be a whole number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" must be a number.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" must be a string.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The infotext has no parameter line (Steps, Sampler, Seed, ...).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot read the request file %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The request file %1 is not a JSON object: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 needs a whole number, got "%2".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 needs a number, got "%2".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unexpected argument "%1".</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--rng must be cpu, gpu or nv.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--model is required.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--out is required.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::GalleryDock</name>
    <message>
        <source>Gallery</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search prompts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No images yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every image you generate is kept here with its parameters, newest first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::ImageInfoDock</name>
    <message>
        <source>Image info</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas to see how it was made.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send parameters to prompt</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::InpaintDock</name>
    <message>
        <source>Inpaint mask</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Brush</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paint the area to regenerate (B)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Eraser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Erase mask (E)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Brush size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hardness</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mask opacity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show mask</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mask blur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whole picture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only masked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inpaint area</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only masked padding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Original</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Latent noise</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Latent nothing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Masked content</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Invert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop an image on the canvas, then paint over the part to regenerate.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::LibraryDock</name>
    <message>
        <source>Library</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search models…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your library is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints, LoRAs, VAEs and embeddings you add appear here. Files stay where they are; an existing AUTOMATIC1111 models folder works as is.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Embeddings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::MainWindow</name>
    <message>
        <source>Latent Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Welcome to Latent Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>To make images you need a Stable Diffusion model (SD 1.x, 2.x or SDXL, a .safetensors checkpoint). Add one you have, download one from Hugging Face or Civitai, or use the models of an existing AUTOMATIC1111 install. You can also drop an image here to edit it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a model…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download from URL…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use an existing A1111 folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Interrupt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About Latent Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Device: %1 · %n thread(s)</source>
        <translation><numerusform>Device: %1 · %n thread</numerusform><numerusform>Device: %1 · %n threads</numerusform></translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Layout reset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open Image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image too large</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is %2×%3 pixels, more than the studio opens.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opened %1 (%2×%3)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model files (*.safetensors);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added %1 to the library folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download from URL</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste a Hugging Face or Civitai link (model page, file or download link):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsupported link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only https links to huggingface.co or civitai.com can be downloaded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Downloading is not available in this build yet. Download the file with your browser and use “Add a model…”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>AUTOMATIC1111 models folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not an AUTOMATIC1111 folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 has no Stable-diffusion folder. Choose the webui folder or its models folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Using models from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The language changes the next time Latent Studio starts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About Latent Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Latent Studio %1
A native desktop studio for Stable Diffusion.

libtorch %2 · Qt %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::PromptDock</name>
    <message>
        <source>Prompt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Describe the image: a photo of an astronaut riding a horse, (detailed:1.2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What to avoid: blurry, low quality</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sampler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CFG scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use a new random seed for every job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Swap width and height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interrupt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No model yet. Add a checkpoint (.safetensors) from the Library panel, download one from Hugging Face or Civitai, or point the studio at an existing AUTOMATIC1111 folder.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>latent::QueueDock</name>
    <message>
        <source>Queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No jobs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Jobs you start wait here. You can reorder, pause or cancel them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
