<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Cli</name>
    <message>
        <source>latentstudio-cli: --threads needs a non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: unknown command &quot;%1&quot; (see latentstudio-cli help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli library scan ROOT [--no-hash] [--db FILE]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library scan: unknown option &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library scan takes one ROOT folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library scan: the folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library scan: %1 is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the library index %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library index error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries (%2 added, %3 removed, %4 renamed, %5 not models); scan %6 ms; %7 hashed, %8 from the cache, %9 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a whole number, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench load: creating the SD 1.5 checkpoint failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench gemm: --sizes takes sizes like 2048,4096</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench gemm: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench gemm: --repeats must be 1-1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench unet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench vae: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench create-sd15 needs a PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench %1: out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download: unknown option &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download takes one URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli download URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kind must be checkpoint, lora, vae, embedding or controlnet, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no models folder: pass --dest ROOT (an A1111-style models folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download: not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>progress %1% (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init_images[0]: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mask: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: warning: the mask is %1x%2 but the image is %3x%4; the mask will be resized to the image (as A1111 does).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect needs exactly one PATH (a model file or a diffusers folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: out of memory while testing the UNet (use --no-probe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert: --out needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert: the output name must end in .safetensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the output folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: the output folder failed (%1); the image was saved to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a non-negative whole number, got &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--resize-mode must be 0 (just resize), 1 (crop and resize), 2 (resize and fill) or 3 (latent upscale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mask-blur takes N or X,Y.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--inpaint-area must be whole or masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--fill must be fill, original, latent-noise or latent-nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--outpaint takes left,top,right,bottom pixels (e.g. 0,0,64,0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true/false or 0/1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;init_images&quot; must be a list of base64 images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one init image is supported (&quot;init_images&quot; has %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;mask&quot; must be a base64 image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The infotext has no parameter line (Steps, Sampler, Seed, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the request file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request file %1 is not a JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a whole number, got &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number, got &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rng must be cpu, gpu or nv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--model is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--init is required (or &quot;init_images&quot; in the --request body).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]

Commands:
  --version, version     product, library and device versions
  txt2img                text to image (A1111 parameters; --request, --infotext)
  img2img                image to image, inpainting, outpainting (A1111 parameters)
  samplers               A1111 sampler names and aliases (JSON)
  inspect PATH [--no-hash] [--no-probe]
                         describe a model file or diffusers folder (JSON, hashes)
  convert FILE.ckpt --out FILE.safetensors [--fp16] [--overwrite]
                         convert a pickle checkpoint safely (restricted reader, child process)
  bench gemm|unet|vae|text|load [options] [--plain]
                         benchmark figures (JSON): unet --family sd1|sd2|sdxl --width W
                         --height H --batch N [--steps N] [--weights fp32|fp16|bf16];
                         vae --width W --height H [--tiled];
                         text --family F [--batch N]; gemm [--sizes 2048,4096];
                         load [--path FILE] [--keep] (real-size SD 1.5, fp16 file)
  schedules              A1111 schedule types (JSON)
  library scan ROOT      index a models folder, print it as JSON [--no-hash] [--db FILE]
  download URL           fetch a model from Hugging Face or Civitai (verified)
  help                   this text

txt2img options:
  --model PATH [--vae PATH] --prompt TEXT [--negative TEXT] [--seed N] [--steps N]
  [--cfg F] [--width W] [--height H] [--sampler NAME] [--schedule NAME]
  [--batch-size N] [--n-iter N] [--clip-skip N] [--rng cpu|gpu|nv]
  [--subseed N --subseed-strength F] [--device cpu|cuda] --out DIR [--save-latents]
  [--infotext TEXT] [--request FILE]   (explicit flags win)

img2img options (plus every txt2img option; --request takes an /sdapi/v1/img2img body):
  --init IMAGE [--mask IMAGE] [--strength F] [--resize-mode 0|1|2|3] [--mask-blur N|X,Y]
  [--inpaint-area whole|masked] [--padding N] [--fill fill|original|latent-noise|latent-nothing]
  [--invert-mask] [--mask-from-alpha] [--outpaint LEFT,TOP,RIGHT,BOTTOM]

download options:
  URL [--dest ROOT] [--kind checkpoint|lora|vae|embedding|controlnet] [--yes]
  (LATENT_HF_ENDPOINT, LATENT_CIVITAI_ENDPOINT, HF_TOKEN, CIVITAI_TOKEN)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a whole number from %2 to %3, not &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench spin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention-task: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention-task: --model is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention-task: --task must be tiny or unet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention: --competitors takes counts like 0,1,2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench contention: no tiny model found (give --model, set LATENT_GOLDEN_DIR or install the demo model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench needs one of: gemm, unet, vae, text, load, contention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown benchmark &quot;%1&quot; (use gemm, unet, vae, text, load or contention)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>a redirect to a &quot;%1&quot; address was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a redirect from https to unencrypted http was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:       %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:        %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files (%1, %2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server answered %1 without a Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server redirected in a loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 redirects were refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (%1): the token is kept for this session only and will have to be entered again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded folder could not be moved to &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is already being downloaded (one writer per file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough free space in &quot;%1&quot;: %2 needed, %3 free. Free some space and resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2: this file needs a token (log in / accept the licence on the site and add your token), it is not a model download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent the file compressed (%1) although identity was asked for; it was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent a web page (probably a login page) instead of the model: it needs a token; nothing was saved as a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps answering with the wrong byte range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sends %1 bytes but the site publishes %2 bytes for &quot;%3&quot;; nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full while writing &quot;%1&quot;: free some space and resume (the partial file is kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing &quot;%1&quot; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent a %2 document instead of model bytes (needs a token / not a model); nothing was saved as a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is filling up: %1 still needed, %2 free in &quot;%3&quot;. Free some space and resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent more bytes than announced; nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download refused: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost (%1) after %2 retries; %3 of %4 are kept and the download can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 bytes, the site publishes %3; nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent %1 instead of model bytes for &quot;%2&quot; (needs a token / not a model); nothing was saved as a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of &quot;%1&quot; is %2 but the site publishes %3: the file was deleted and nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match the repository&apos;s git id; it was deleted and nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be moved into place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only http(s) links can be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Civitai link is not a model page or download link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Hugging Face link is not a model repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only Hugging Face and Civitai links can be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository has no .safetensors weights for &quot;%1&quot; (only pickle or other formats), which Latent Studio does not download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2: this model needs a token (gated, private or early access). Add your token and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not know this model (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered something that is not JSON (a login page?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2: this file needs a token (gated or private repository).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in %2 (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes no SHA-256 for &quot;%2&quot;, so it cannot be verified; it was not downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing a pipeline needs was found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no .safetensors model file to download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds %2 model files; paste the link of the one you want (for example %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes no SHA-256 for &quot;%2&quot;, so it cannot be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Civitai model has no published version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Civitai version has no file to download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Civitai type &quot;%1&quot; is not a model kind Latent Studio installs (choose a kind to force it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Civitai publishes no SHA-256 for &quot;%1&quot;, so it cannot be verified.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationRunner</name>
    <message>
        <source>Could not save the image: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageLoader</name>
    <message>
        <source>The image %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an image this program can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 is %2x%3 pixels; at most %4 pixels per side are accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 could not be decoded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image data URL has no data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image data is not valid base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>The studio stopped while this job was running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size %1 is outside 1–%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The queue is full (%n job(s) waiting). Wait for jobs to finish or raise the limit in the settings.</source>
        <translation>
            <numerusform>The queue is full (%n job waiting). Wait for jobs to finish or raise the limit in the settings.</numerusform>
            <numerusform>The queue is full (%n jobs waiting). Wait for jobs to finish or raise the limit in the settings.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a finished job can be run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such job.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelImport</name>
    <message>
        <source>the destination appeared while copying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the destination exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a model the studio recognises.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free file name for %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LFS pointer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickle (not loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inpainting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptDock</name>
    <message>
        <source>Tokens used / room in the 75-token chunks the text encoder sees. Longer prompts take another chunk; BREAK starts one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafeConvert</name>
    <message>
        <source>the output file appeared meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output file %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output cannot replace the input file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a file next to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converter could not be started (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversion was cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converter crashed while reading %1; nothing was written. The file may be damaged or malicious.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converter failed (exit status %1); nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converted file failed the safety check (%1); nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converted file does not match the converter&apos;s report; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the converted file into place as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::CanvasDocument</name>
    <message>
        <source>The image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is %1×%2 pixels; the canvas takes at most %3 pixels a side and %4 megapixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image on the canvas to extend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The canvas can only grow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The canvas would be %1×%2 pixels, larger than the canvas allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::CanvasView</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was made with Stable Diffusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was made with Stable Diffusion (%2, %3 steps, seed %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown sampler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore its parameters in the prompt?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image to take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image here or paste one (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::DownloadDialog</name>
    <message>
        <source>Download from URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://huggingface.co/org/repo, …/blob/main/file.safetensors, https://civitai.com/models/123?modelVersionId=456 or org/repo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind from the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no models folder chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face or Civitai access token for gated or early-access models (kept in the system keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a link and press “Look up” to see what will be downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link (Hugging Face or Civitai):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models folder (A1111 layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Civitai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::FileRevealer</name>
    <message>
        <source>Could not open the folder %1: no file manager is available.</source>
        <translation>Could not open the folder %1: no file manager is available.</translation>
    </message>
    <message>
        <source>%1 does not exist any more.</source>
        <translation>%1 does not exist any more.</translation>
    </message>
</context>
<context>
    <name>latent::GalleryDock</name>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every image you generate is kept here with its parameters, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the images of one model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show favourites only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More gallery actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as Init Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild Index from Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read every image in the output folders again and rebuild the gallery from their metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matching images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image matches the search or filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be added to the gallery: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 carries no generation parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n image(s) to the trash and remove them from the gallery?</source>
        <translation>
            <numerusform>Move %n image to the trash and remove them from the gallery?</numerusform>
            <numerusform>Move %n images to the trash and remove them from the gallery?</numerusform>
        </translation>
    </message>
    <message>
        <source>No Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be moved to the trash. Delete it permanently?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) moved to the trash</source>
        <translation>
            <numerusform>%n image moved to the trash</numerusform>
            <numerusform>%n images moved to the trash</numerusform>
        </translation>
    </message>
    <message>
        <source>No output folder to rescan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilding the gallery index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gallery index could not be updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Gallery rebuilt: %n image(s)</source>
        <translation>
            <numerusform>Gallery rebuilt: %n image</numerusform>
            <numerusform>Gallery rebuilt: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) found in the output folders were added to the gallery</source>
        <translation>
            <numerusform>%n image found in the output folders were added to the gallery</numerusform>
            <numerusform>%n images found in the output folders were added to the gallery</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::GalleryModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ImageInfoDock</name>
    <message>
        <source>Image info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an image in the gallery, or drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas, to see how it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put every parameter of this image into the prompt panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image carries no generation parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ImageLoading</name>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2×%3 pixels, more than the studio opens (%4 pixels a side, %5 megapixels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::InferenceWorker</name>
    <message>
        <source>No model was chosen for this job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was saved to the recovery folder: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job failed with an unknown error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The studio cannot run jobs of kind &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image-to-image job has no init image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory: the job could not get another %1 of graphics memory (VRAM).</source>
        <translation>Out of memory: the job could not get another %1 of graphics memory (VRAM).</translation>
    </message>
    <message>
        <source>Out of memory: the job could not get another %1 of RAM.</source>
        <translation>Out of memory: the job could not get another %1 of RAM.</translation>
    </message>
    <message>
        <source>Out of memory: there is not enough graphics memory (VRAM) for this job.</source>
        <translation>Out of memory: there is not enough graphics memory (VRAM) for this job.</translation>
    </message>
    <message>
        <source>Out of memory: there is not enough RAM for this job.</source>
        <translation>Out of memory: there is not enough RAM for this job.</translation>
    </message>
    <message>
        <source>Try a smaller image size or batch size, or close other programs that use a lot of memory.</source>
        <translation>Try a smaller image size or batch size, or close other programs that use a lot of memory.</translation>
    </message>
    <message>
        <source>Unloaded to free memory: %1.</source>
        <translation>Unloaded to free memory: %1.</translation>
    </message>
    <message>
        <source>The graphics memory the engine kept in reserve was released.</source>
        <translation>The graphics memory the engine kept in reserve was released.</translation>
    </message>
    <message>
        <source>The job&apos;s model was not fully loaded and was unloaded.</source>
        <translation>The job&apos;s model was not fully loaded and was unloaded.</translation>
    </message>
    <message>
        <source>The engine failed with an internal error (%1). The model was unloaded; the next job loads it again.</source>
        <translation>The engine failed with an internal error (%1). The model was unloaded; the next job loads it again.</translation>
    </message>
</context>
<context>
    <name>latent::InpaintDock</name>
    <message>
        <source>Inpaint mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint the area to regenerate (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase mask (E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inpaint area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only masked padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masked content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image on the canvas, then paint over the part to regenerate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the enclosed unmasked area you click (G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last mask change (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask the whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the whole mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap masked and unmasked areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inpaint options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outpaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grow the canvas; the new area is masked so the next generation paints it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canvas %1×%2. Paint over the part to regenerate; leave the mask empty for image to image.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::LibraryDock</name>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints, LoRAs, VAEs and embeddings you add appear here. Files stay where they are; an existing AUTOMATIC1111 models folder works as is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan the model folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes for %1 could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashing %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not usable</source>
        <translation>
            <numerusform>%n not usable</numerusform>
            <numerusform>%n not usable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::MainWindow</name>
    <message>
        <source>Latent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Latent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To make images you need a Stable Diffusion model (SD 1.x, 2.x or SDXL, a .safetensors checkpoint). Add one you have, download one from Hugging Face or Civitai, or use the models of an existing AUTOMATIC1111 install. You can also drop an image here to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download from URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an existing A1111 folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Latent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Device: %1 · %n thread(s)</source>
        <translation>
            <numerusform>Device: %1 · %n thread</numerusform>
            <numerusform>Device: %1 · %n threads</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 (%2×%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUTOMATIC1111 models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an AUTOMATIC1111 folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using models from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time Latent Studio starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Latent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent Studio %1
A native desktop studio for Stable Diffusion.

libtorch %2 · Qt %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no Stable-diffusion, Lora, VAE or embeddings folder. Choose the webui folder or its models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 to the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo model selected: random weights, its images are noise. Press Generate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo model (random weights, makes noise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1: step %2/%3 · %4 it/s · %5 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Job #%1 done: %n image(s) saved</source>
        <translation>
            <numerusform>Job #%1 done: %n image saved</numerusform>
            <numerusform>Job #%1 done: %n images saved</numerusform>
        </translation>
    </message>
    <message>
        <source>Last job: %1 it/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output folder unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images were saved to the recovery folder instead:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last job: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed of the last job. No generation measured yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed of the last job. Longest pause of the user interface while it ran: %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) were interrupted when the studio stopped; they were not run again.</source>
        <translation>
            <numerusform>%n job was interrupted when the studio stopped; it was not run again.</numerusform>
            <numerusform>%n jobs were interrupted when the studio stopped; they were not run again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Parameters restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.
Waiting: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ModelDetailsPanel</name>
    <message>
        <source>Use as model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert into prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words added with the LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a model to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger words: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hashes: being computed…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ModelDropHandler</name>
    <message>
        <source>Add to the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Add %n model file(s) to %1?</source>
        <translation>
            <numerusform>Add %n model file to %1?</numerusform>
            <numerusform>Add %n model files to %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy keeps the original file; Move takes it out of its folder. Each file goes to the folder of its kind; nothing is overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ModelLibrary</name>
    <message>
        <source>The library index %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::PromptDock</name>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the image: a photo of an astronaut riding a horse, (detailed:1.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to avoid: blurry, low quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a new random seed for every job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap width and height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet. Add a checkpoint (.safetensors) from the Library panel, download one from Hugging Face or Civitai, or point the studio at an existing AUTOMATIC1111 folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse the seed of the last image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix in the noise of a second seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variation strength: 0 = the main seed only, 1 = the variation seed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variation seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio preset (keeps about the same number of pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images generated together (uses more memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches run one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the text encoder this many layers before its end (1 = use every layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much an init image is changed (image to image and inpainting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denoising strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running job (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (the model&apos;s own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo model — random weights, makes noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tiny model with random weights built with the studio, for trying every step of the studio. Its images are noise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a lighthouse on a cliff at sunset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet. Add a checkpoint (.safetensors) from the Library panel, download one from Hugging Face or Civitai, point the studio at an existing AUTOMATIC1111 folder — or choose the demo model above to try the studio (its images are noise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The studio is not ready to generate yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse the seed of the last image (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the canvas image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image to image and inpainting: generate from the image on the canvas and its inpaint mask instead of from noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the first image (the next images of a batch count up from it); &quot;Random&quot; (-1) picks a new one for every job</source>
        <translation>Seed of the first image (the next images of a batch count up from it); &quot;Random&quot; (-1) picks a new one for every job</translation>
    </message>
</context>
<context>
    <name>latent::QueueDock</name>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs you start wait here. You can reorder, pause or cancel them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected job (a running job stops before its next step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running job and every waiting job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop starting new jobs (the running job finishes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected job earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected job later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the selected finished job again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a copy of the selected job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected finished job from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> / %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 it/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ThreadReport</name>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message>
        <source>set by you (--threads or Settings); automatic would use every CPU this process may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: every CPU this process may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: the CPU affinity mask allows %1 of %2 CPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: the cgroup CPU quota allows %1 CPUs (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set by Latent Studio: spinning threads stall when other programs use the CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads spin while they wait (the OpenMP runtime&apos;s default: the variables were not set at start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as set in the environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
