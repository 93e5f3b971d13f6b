<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Backends</name>
    <message>
        <source>sent to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server restarted (or dropped the connection) while it ran the job; the job did not finish and was not sent again. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer has no images (not a JSON object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer has no images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 of the server&apos;s answer is not base64 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable (%1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers but has no /sdapi/v1 API (start A1111 with --api).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A1111 / Forge / SD.Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RunPod serverless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-style images API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backend name &quot;%1&quot; is not allowed: use 1–64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a dispatch target, not a backend name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put credentials in the keychain (or --secret-env), not in the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backend address must not have a query or fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency must be between 1 and 64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeout must be between 1 second and 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an environment variable name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available (%1): the secret of backend &quot;%2&quot; is kept for this session only. Set it again after a restart, or name an environment variable that holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not answer: the secret of backend &quot;%1&quot; is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images API answered without images (no &quot;data&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 of the answer has neither b64_json nor an http(s) url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; needs credentials (HTTP %2): set its %3 in Settings ▸ Backends or in the environment variable it names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; refused the credentials (HTTP %2): check its %3. The job was not retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline (%2); trying again in %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (gave up after %n retries)</source>
        <translation>
            <numerusform>%1 (gave up after %n retry)</numerusform>
            <numerusform>%1 (gave up after %n retries)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2; retry %3 of %4 in %5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image at %1 could not be downloaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any → %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any → Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (offline, waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot; is configured (Settings ▸ Backends).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer of %1 is larger than %2 MB; it was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered %2 without a Location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server redirected in a loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A redirect from %1 was refused: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (TLS): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection before it answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name %1 was not found (DNS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection (is the server running?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the credentials (HTTP %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is rate-limiting requests (HTTP 429)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed (HTTP %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP %2)%3</source>
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
        <source>The image is %1x%2 pixels; at most %3 pixels per side are accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not an image (unknown format).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not an image this program can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backend returned no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 of %2 from the backend is unusable: %3 Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 from the backend is a damaged PNG: %2 Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be saved. %1 The recovery folder failed too: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was saved to the recovery folder: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mask %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The init image %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mask %1 is larger than 64 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The init image %1 is larger than 64 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image-to-image job has no init image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; is an OpenAI-style images API: it only makes images from text. Send image-to-image jobs to the local worker or an A1111 backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking job %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RunPod accepted the job but sent no job id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job took longer than %1 s; it was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RunPod no longer knows job %1 (results are kept for a limited time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach RunPod (%1); still polling job %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RunPod sent a status that is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RunPod job %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RunPod job %1 was cancelled on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RunPod job %1 timed out on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for a worker (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running on a worker (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RunPod worker reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output %1 of the RunPod job is not an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RunPod job finished without an image in its output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workers: %1 idle, %2 running; jobs: %3 in queue, %4 in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The init image has no alpha channel to take the mask from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; cannot take ControlNet units; send the job to the local worker or an A1111 backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend &quot;%1&quot; takes one init image per job; send jobs with several to the local worker or an A1111 backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet unit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <source>%1 needs a --controlnet MODEL before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--control-mode must be balanced, prompt or controlnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--control-resize must be just, crop or fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no image (--control-image IMG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench lora: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspect: --model needs a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The infotext&apos;s VAE &quot;%1&quot; is not in the VAE folders; using the automatic choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;sd_vae&quot; must be a VAE name, &quot;Automatic&quot; or &quot;None&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench serve: unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench serve: %1 is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench serve needs the built-in demo model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-auth needs user:password[,user2:password2].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-auth-file needs a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-key needs a key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-keys-file needs a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--models-root needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--output-dir needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-keyfile needs a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-certfile needs a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cors-allow-origins needs a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--queue-size needs a number from 1 to 100000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-batch needs a number from 1 to 64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-body-mb needs a number from 1 to 4096.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-connections needs a number from 1 to 10000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--header-timeout needs seconds (1-3600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--shutdown-timeout needs seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown serve option %1 (see latentstudio-cli help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the job queue in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving the Latent Studio API on %1 (documentation: %1/docs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) were running when the server stopped; they are marked interrupted.</source>
        <translation>
            <numerusform>%n job was running when the server stopped; it is marked interrupted.</numerusform>
            <numerusform>%n jobs were running when the server stopped; they are marked interrupted.</numerusform>
        </translation>
    </message>
    <message>
        <source>latentstudio-cli: interrupting job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: stopping the server; queued jobs stay queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latentstudio-cli: waiting up to %1 s for the running job (signal again to interrupt it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: %1 needs a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: --kind must be a1111, runpod or openai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: --images and --solo must be positive, --spawn 0-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: --spawn needs --model-path (no demo model found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: the serve process on port %1 did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: give --backends URL,URL or --spawn N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench dispatch: the Any run did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backend-wait needs a number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --backend NAME or --backend-url, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot; (see latentstudio-cli backends list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--backend-kind must be a1111, runpod or openai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none ($%1 is not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends add NAME --kind a1111|runpod|openai --url URL [--user U] [--secret-env VAR | --secret-stdin] [--concurrency N] [--timeout S] [--model M] [--extras JSON] [--no-any]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--extras must be a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backends add: unknown option &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a positive whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kind must be a1111, runpod or openai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --secret-env or --secret-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added backend %1 (%2, %3, %n job(s) at once).</source>
        <translation>
            <numerusform>Added backend %1 (%2, %3, %n job at once).</numerusform>
            <numerusform>Added backend %1 (%2, %3, %n jobs at once).</numerusform>
        </translation>
    </message>
    <message>
        <source>The secret is stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The backend reads its secret from $%2 each time it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Give it with --secret-env VAR instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>$%1 is not set now; the backend reads it each time it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1  %2  %3  %n at once, timeout %4 s, model %5, secret %6%7</source>
        <translation>
            <numerusform>%1  %2  %3  %n at once, timeout %4 s, model %5, secret %6%7</numerusform>
            <numerusform>%1  %2  %3  %n at once, timeout %4 s, model %5, secret %6%7</numerusform>
        </translation>
    </message>
    <message>
        <source>(server&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, not in Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backends. Add one with: latentstudio-cli backends add NAME --kind KIND --url URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backends check takes one NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends check NAME [--json]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backend named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUSED: check the credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISSING: the server asks for credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (current: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samplers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends remove NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed backend %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: latentstudio-cli backends add|list|check|remove ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checkpoint: a .safetensors file or a diffusers folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a VAE to use instead of the checkpoint&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt, in A1111 syntax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the seed (-1: random)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampling steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image width in pixels (a multiple of 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image height in pixels (a multiple of 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A1111 sampler name (see the samplers command)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A1111 schedule type (see the schedules command)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images per batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop the text encoder N layers early (A1111 Clip skip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise source; gpu (A1111&apos;s default) is reproduced on any device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>variation seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>variation strength (0-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder for the PNG files (with their A1111 parameters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also write the intermediate tensors next to the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the parameters of an A1111 infotext (a PNG&apos;s parameters text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the parameters of an A1111 /sdapi/v1/txt2img request body (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image to start from (PNG, JPEG, WebP, TIFF, EXR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inpainting mask: white is repainted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>denoising strength (0-1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just resize, crop and resize, resize and fill, latent upscale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blur of the mask edge in pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repaint at the whole picture&apos;s size or only the masked area&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels around the masked area (inpaint area masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what the masked area starts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repaint the black part of the mask instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without --mask: repaint where the init image is transparent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grow the canvas by these pixels and paint the new border</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product, library and device versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text to image with A1111 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explicit flags win over --infotext, which wins over --request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image to image, inpainting and outpainting with A1111 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every txt2img option applies too; --request takes an /sdapi/v1/img2img body with base64 images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A1111 sampler names and aliases (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A1111 schedule types (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>describe a model file or diffusers folder (JSON, hashes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip the hashes (fast)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip the SD 2 prediction probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert a pickle checkpoint safely (restricted reader in a child process)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the .safetensors file to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store the weights as float16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace an existing output file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>benchmark figures (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print a table instead of JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet, text: the model family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet, vae: the image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet, text: the batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet, vae, text: measured and warm-up runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet: how the weights are stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet: keep the contiguous memory layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vae: decode in tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gemm: matrix sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gemm: runs per size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load: the real-size SD 1.5 fp16 file (made when missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load: keep the file made for the run, or make it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index a models folder and print the index as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not hash the files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the index database (default: a temporary one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetch a model from Hugging Face or Civitai, verified by its SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the A1111-style models folder (default: the first library folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kind of model, when the site does not say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not ask before downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens for gated downloads (sent only to their own site)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other addresses for the two sites (mirrors, tests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug, info, warning or error for this run&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another file for the built-in demo model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another folder for the CLIP vocabulary (clip/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: latentstudio-cli [--threads N] COMMAND [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an A1111 folder: LoRAs, embeddings, VAEs and ControlNets are looked up in its models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder of LoRA / LyCORIS files (instead of the root&apos;s; repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder of textual-inversion embeddings (instead of the root&apos;s; repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a ControlNet unit: a file or folder, or a name in ROOT/models/ControlNet (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit&apos;s control image (and mask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit&apos;s preprocessor: none, canny, invert, tile_resample, inpaint_only, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the preprocessor&apos;s resolution and parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose the preprocessor resolution from the image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit&apos;s weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when the unit acts, as fractions of the sampling steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit&apos;s control mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how the control image is fitted to the image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the job on a saved remote backend (see backends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the job on an unsaved remote backend (secret from LATENT_BACKEND_SECRET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the remote backend&apos;s user and model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long to wait for a remote backend that is offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet: add one ControlNet unit (fp16 weights) and report its cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lora: the LoRA rank, and a folder for its files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve: requests, polling clients, poll interval, steps and image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dispatch: A1111-compatible servers to spread over, or N serve processes started for the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dispatch: images, images per backend alone, jobs per backend, time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dispatch --spawn: the model and folders of the serve processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the HTTP API: A1111 /sdapi/v1, OpenAI-style images, async jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bind every interface instead of 127.0.0.1 (needs --api-auth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port (default 7860)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP Basic users, as A1111&apos;s --api-auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer keys for the OpenAI-style and job routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the A1111 models folder to serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the queue&apos;s data and where saved images go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve HTTPS with this key and certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>browser origins allowed to call the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how many jobs may wait, and the largest batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limits for request bodies, connections and slow clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long a running job may finish after SIGINT/SIGTERM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allow --listen without users (not recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serves until SIGINT or SIGTERM, then lets the running job finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote backends: A1111/Forge/SD.Next servers, RunPod endpoints, OpenAI-style APIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backend&apos;s kind and base address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user, and where the secret comes from (kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs at once, time limit per job, the model to ask for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider-specific request fields; keep the backend out of &quot;Any&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: print the result as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret for --backend-url: user:pass for A1111, the key for RunPod and OpenAI-style APIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench cfg: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init_images[%1]: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;uni_pc_order&quot; must be a whole number from 1 to 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampler settings must not be negative (and the Beta schedule&apos;s alpha and beta must be above 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench upscale: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>txt2img: run A1111&apos;s hires fix (second pass) with its defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: upscale by a factor, or to a size (A1111&apos;s rounding and aspect rules)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: Latent (...), None, Lanczos, Nearest or an ESRGAN-family model by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: second-pass steps (0 = as the first pass) and denoising strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: the second pass&apos;s sampler, schedule type and CFG scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: the second pass&apos;s prompt and negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hires fix: another checkpoint for the second pass (looked up in --models-root)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upscale: tile size, overlap, and skip the cancel-latency measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upscale one image as A1111&apos;s Extras tab does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image to upscale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanczos, Nearest, or an ESRGAN-family model by name (see --list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result&apos;s size: a factor, or a size (cropped to fit unless --no-crop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second upscaler blended in with this visibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiled inference (A1111&apos;s ESRGAN_tile 192 and ESRGAN_tile_overlap 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where upscaler models are found (models/ESRGAN, models/RealESRGAN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the parameters of an A1111 /sdapi/v1/extra-single-image body (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where to run, and the folder for the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the upscalers and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--input is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--upscaler is required (see upscale --list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--width and --height go together (&quot;Scale to&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;enable_hr&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--hr-resize takes WIDTHxHEIGHT (0 for one side keeps the aspect), got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;upscaling_crop&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;resize_mode&quot; must be 0 (scale by) or 1 (scale to).</source>
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
        <source>contention: competitor counts, skip the real-size UNet step, compare with spinning waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contention: the UNet step&apos;s size and batch, and a time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contention-task (internal): the measured task of one run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench needs one of: gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention, txt2img</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench unet: --precision must be fp32 or bf16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench unet: --controlnet is measured in fp32 only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown benchmark &quot;%1&quot; (use gemm, unet, cfg, vae, text, load, lora, upscale, serve, dispatch, contention or txt2img)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: only --family sd1 (SD 1.5) is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: --size must be a multiple of 8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: --precision must be fp32 or bf16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: cannot create a temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: creating the SD 1.5 checkpoint failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bench txt2img: out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what the UNet computes in: fp32 (default) or bf16 on CPUs with native bf16 (AVX512_BF16 or AMX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet: bf16 also times the fp32 steps and compares the golden tiny txt2img (PSNR, max difference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unet --precision bf16, contention: the tiny SD1 model to generate with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>txt2img: one real-size SD 1.5 generation (default 512, 20 steps, Euler, 7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>txt2img: the random fp16 checkpoint to use or write, and keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--precision must be fp32 or bf16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the server was stopped while this job was running, so it did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with --hires: the unit acts in both passes, the first only or the second only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--control-hr-option must be both, low or high.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads for the engine (default or 0: automatic, every CPU this process may use, fewer while other programs keep CPUs busy; OMP_NUM_THREADS also sets it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ControlNet</name>
    <message>
        <source>&quot;%1&quot; must be 0, 1 or 2 or a mode&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number or a mode&apos;s name.</source>
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
        <source>&quot;%1&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;alwayson_scripts.controlnet&quot; must be an object with &quot;args&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;alwayson_scripts.controlnet.args&quot; must be a list of units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 16 ControlNet units are supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a resize mode (Just Resize, Crop and Resize, Resize and Fill).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a control mode (Balanced, My prompt is more important, ControlNet is more important).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a base64 image or [image, mask].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a base64 image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry &quot;ControlNet %1&quot; could not be read and was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A ControlNet unit has no model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (give a file, or --models-root to look it up by name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (no models in %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet model not found: %1 (looked in %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet unit %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ControlNet model was found for &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the cache folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ControlNet %1 could not be converted safely: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hires fix option (Both, Low res only, High res only).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ControlNetSlider</name>
    <message>
        <source>Preprocessor Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canny Low Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canny High Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down Sampling Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XDoG Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binarization Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sigma</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashGuard</name>
    <message>
        <source>%1 %2 did not quit normally the last time it ran (started %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was stopped from outside (for example killed, or the computer lost power) or crashed before it could say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images that were reported saved are on disk; a job that was running is marked &quot;interrupted&quot; in the queue. Help ▸ Report a problem collects the details.</source>
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
    <message>
        <source>The download list %1 was written by a newer version of Latent Studio (version %2; this version knows up to %3). It is left unchanged: its downloads are not shown, and downloads started now are not remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 of %2 received bytes of &quot;%3&quot; reached the disk (is it full?); nothing was installed. Free some space and resume.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryStore</name>
    <message>
        <source>The gallery index (%1)</source>
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
    <name>HttpFront</name>
    <message>
        <source>The request headers are too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is larger than the server accepts (%1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body arrived too slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not route the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request headers did not arrive in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body did not arrive in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the TLS key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM private key (RSA or EC, unencrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS is not available (no TLS backend).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the request router: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many connections; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpParsing</name>
    <message>
        <source>The request headers are too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request head is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request line is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request line is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request method is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request method is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only HTTP/1.0 and HTTP/1.1 are supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request URL is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request target must be a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request target is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request path is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has too many header fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folded header lines are not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header field is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header field name is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A header field value is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Length is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Length values disagree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the chunked transfer coding is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only &quot;Expect: 100-continue&quot; is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding together are not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP/1.0 requests cannot be chunked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Host header is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chunk header line is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chunk size is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is larger than the server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chunk is longer than its size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The multipart body has no boundary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The multipart body has no parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The multipart body is truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The multipart body has too many parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A multipart part is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A multipart part header is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A multipart part header is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A multipart part is not form data.</source>
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
    <message>
        <source>Interrupted: Latent Studio stopped while this job was running, so it did not finish and is not run again.</source>
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
    <name>JobStore</name>
    <message>
        <source>The job queue (%1)</source>
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
    <name>ModelIndex</name>
    <message>
        <source>The model library index (%1)</source>
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
    <message>
        <source>Upscalers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkFolders</name>
    <message>
        <source>The VAE &quot;%1&quot; was not found in the VAE folders.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkRestore</name>
    <message>
        <source>Lora &quot;%1&quot; is &quot;%2&quot; here (same hash).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing Lora: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing embedding: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkUsage</name>
    <message>
        <source>TE %1, UNet %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embeddings: %1</source>
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
    <name>Schema</name>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read (is it a database?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be opened read-only: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Latent Studio (data version %2; this version knows up to %3). It is opened read-only and left unchanged: what you do now is not saved in it. Update Latent Studio to keep working with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be prepared: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be upgraded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its version changed while it was being opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be upgraded to this version&apos;s format (nothing in it was changed): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The settings file %1 was written by a newer version of Latent Studio (settings version %2; this version knows up to %3). It is used as it is but not changed: settings you change now are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 could not be upgraded (is the disk full or the file read-only?). Settings changed now may not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <source>User interface language (en, de).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to a PNG file and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1440x900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore the saved window layout for this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the built-in demo model and generate one image (with --screenshot: render the window when it is done).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudioApiService</name>
    <message>
        <source>No keychain is available: the API password is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving on the network needs a user and a password (Settings ▸ API Server…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a password for the API user %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Upscalers</name>
    <message>
        <source>There is no upscaler named &quot;%1&quot;. Available: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no checkpoint named &quot;%1&quot; for the hires pass.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ApiServer</name>
    <message>
        <source>Face restoration is not available on this server (/sdapi/v1/face-restorers is empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiling is not supported by this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refiner checkpoint is not supported by this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>firstpass_image is not supported by this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latent_mask is not supported by this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job disappeared from the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image to image, inpainting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face restoration is not available on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the generation parameters of an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the job on the worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt the job on the worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the job on the worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change settings (setting the checkpoint loads it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command-line flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samplers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscalers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent upscale modes (hires fix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAEs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Textual-inversion embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty list (not available in Latent Studio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan the models folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unload every loaded model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the current checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store the uploaded image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image URLs are not fetched; send the image as base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image data URL has no data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is not valid base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checkpoint is available: add one to the models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampler &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>override_settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is full (%1 jobs waiting); try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;prompt&apos; is too long (at most 32000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;n&apos; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;n&apos; must be between 1 and 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be -1 (random) or a non-negative number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;steps&apos; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;steps&apos; must be between 1 and 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;cfg_scale&apos; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;cfg_scale&apos; must be between 0 and 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;strength&apos; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;strength&apos; must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;response_format&apos; must be &apos;url&apos; or &apos;b64_json&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model &apos;%1&apos; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The generation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create images from a prompt (OpenAI style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;size&apos; must be WIDTHxHEIGHT, multiples of 8 between 64 and 8192 (got &apos;%1&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inpaint an image (OpenAI style, multipart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;image&apos; is required (a PNG file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image has no transparent area to edit; send a mask whose transparent pixels mark it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoints (OpenAI style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An image of a response_format=url answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file (it may have expired).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job&apos;s images are no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body must be a JSON object with an &quot;input&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;input&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2 between %3 and %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;prompt&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;negative_prompt&quot; must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;width&quot; and &quot;height&quot; must be multiples of 8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;seed&quot; must be a whole number ≥ 0 (or -1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;lora&quot; must be {model_id, weight}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;lora.model_id&quot; is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;lora.weight&quot; must be between -10 and 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;image&quot; must be base64 image data or a /v1/files/ URL of this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;image&quot; URLs must be /v1/files/ URLs of this server; nothing is downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image URL is unknown or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a job (RunPod style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a job and wait for it (RunPod style; ?wait=ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job&apos;s status and output (RunPod style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job &apos;%1&apos; not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel a job (RunPod style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue and worker counts (RunPod style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to serve on %1 without authentication: anyone on the network could use this computer. Give --api-auth user:password (or --api-auth-file), or --insecure-no-auth if you really mean it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials must be given as user:password (an entry has no user or no password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host &quot;%1&quot; is not allowed; this server only answers to localhost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-site requests are not allowed (origin not in --cors-allow-origins).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body must be JSON (Content-Type: application/json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; slow down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-ins; try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authenticated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incorrect username or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no job queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS needs both --tls-certfile and --tls-keyfile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This API as an OpenAPI 3 document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This API&apos;s documentation (HTML)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 100 images per request (imageList has %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale one image (Extras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale several images (Extras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-ESRGAN upscalers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A result image could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JPEG encoder gave no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The infotext is too long for a JPEG&apos;s EXIF block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad number of images passed: %1; expecting %2 or less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The WebP encoder gave no image.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ApiServerDialog</name>
    <message>
        <source>API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other programs (scripts, Krita, ComfyUI, A1111 and OpenAI clients) can generate through this studio&apos;s queue. Documentation is served at /docs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow other computers on the network (needs a user and a password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://example.app, … (browser pages allowed to call the API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed origins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving on %1 (documentation: %1/docs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API server is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::BackendPicker</name>
    <message>
        <source>Where the job runs: this computer, any free backend, or a remote backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model to ask the remote backend for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first free of the backends that take part in Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server&apos;s model (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::BackendsDialog</name>
    <message>
        <source>Backends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer takes part in &quot;Any&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. RUNPOD_API_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (30 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s or the job&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes part in &quot;Any&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User (A1111)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password / API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or from the variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request extras (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is kept in the system keychain, never in a settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secret is set (from the keychain or the variable). Type a new one to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request extras must be a JSON object (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The secret is in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the backend first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes (%1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: check the password or API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed: set a password or API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samplers: %1</source>
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
    <name>latent::ControlNetDock</name>
    <message>
        <source>ControlNet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no model; add ControlNet models to the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet unit %1 has no control image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the control image of unit %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ControlNetUnitWidget</name>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The control image: drop an image file or a gallery image here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preprocessed control image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use canvas size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the generation size to this control image&apos;s size (multiples of 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (needs model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs its own model, which is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preprocessor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting control step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ending control step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My prompt is more important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ControlNet is more important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop and Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize and Fill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel perfect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Control Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ControlNet model %1 is not in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 is larger than 16384 pixels on a side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an image this program can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a control image here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low res only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High res only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the hires fix: whether this unit acts in both passes, the first only or the second only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires fix</source>
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
    <message>
        <source>Upscale…</source>
        <translation type="unfinished"></translation>
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
    <name>latent::HiresPanel</name>
    <message>
        <source>Hires. fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale the image and run a second pass over it (AUTOMATIC1111&apos;s hires fix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscaler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as sampling steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denoising strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires sampler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires schedule type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as the negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hires negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 is out of range (64 to 8192)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use same sampler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use same scheduler</source>
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
    <message>
        <source>Out of memory while loading the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upscale job has no image.</source>
        <translation type="unfinished"></translation>
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
        <source>Serve the &amp;API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let other programs generate through this studio (A1111 and OpenAI-style HTTP API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving the API on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API server did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 on %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backends…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote servers that run jobs: A1111 / Forge / SD.Next, RunPod, OpenAI-style APIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backends: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n remote job(s)</source>
        <translation>
            <numerusform> · %n remote job</numerusform>
            <numerusform> · %n remote jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline — its jobs wait until it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote jobs are running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) are running on remote backends.</source>
        <translation>
            <numerusform>%n job is running on a remote backend.</numerusform>
            <numerusform>%n jobs are running on remote backends.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel them on their servers, or leave them running? RunPod jobs that are left running are picked up again when the studio starts; other servers finish them without sending the images back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling the remote jobs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upscale Canvas Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enlarge the canvas image with an upscaler (AUTOMATIC1111&apos;s Extras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The studio is not ready to upscale yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale to %1 queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image on the canvas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.
Waiting: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Job #%1 done: %n image(s) saved. Warning: %2</source>
        <translation>
            <numerusform>Job #%1 done: %n image saved. Warning: %2</numerusform>
            <numerusform>Job #%1 done: %n images saved. Warning: %2</numerusform>
        </translation>
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
    <name>latent::NoticePresenter</name>
    <message>
        <source>Latent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::ProblemReportDialog</name>
    <message>
        <source>Report a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text describes your system, settings and the last things Latent Studio did. Tokens and your home folder are removed; prompts only if you include them. Read it, add what you were doing, then copy it into your report. Nothing is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::PromptCompleter</name>
    <message>
        <source>Weight %1</source>
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
        <source>Choose a model…</source>
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
    <message>
        <source>The job&apos;s inputs could not be prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRAs (&lt;lora:name:weight&gt;) and embeddings in the prompt. Type &lt;lora: or the start of an embedding&apos;s name to choose one from the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the missing network from Civitai (where the image&apos;s infotext says it lives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VAE named like the model (MODEL.vae.safetensors) beside it, else the model&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the model&apos;s own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n vectors)</source>
        <translation>
            <numerusform>%1 (%n vector)</numerusform>
            <numerusform>%1 (%n vectors)</numerusform>
        </translation>
    </message>
    <message>
        <source>LoRA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embeddings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1 from Civitai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget these settings from the pasted parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also from the pasted parameters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hires fix size %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16 (faster, slightly different images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the image model computes in. bf16 needs a CPU with AVX512_BF16 or AMX; the images then differ slightly from fp32 and record &quot;Precision: bf16&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sampling now and keep the image so far (Esc); the queue&apos;s Cancel discards it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the current batch with the image so far and go on with the next batch</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 Upscale %2 with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n warning(s)</source>
        <translation>
            <numerusform>%1 · %n warning</numerusform>
            <numerusform>%1 · %n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>latent::StudioSession</name>
    <message>
        <source>%1 New jobs are kept in memory only and are lost when the studio quits.</source>
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
    <message>
        <source>set by OMP_NUM_THREADS in the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: other programs keep about %1 of %2 CPUs busy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>latent::UpscaleDialog</name>
    <message>
        <source>Upscale %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscaler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop to fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscaler 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 is out of range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
