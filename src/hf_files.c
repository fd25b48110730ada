/*
 * hf_files.c
 *	  Which files of a model repository hold the model's parameters.
 *
 * Recognised by extension, case-insensitively: .safetensors, .gguf, .onnx
 * (and its external .onnx_data), .h5, .msgpack, .ckpt, .pt/.pth, and .bin when
 * the file name says it is a model (pytorch_model.bin, its shards
 * pytorch_model-00001-of-00002.bin, diffusion_pytorch_model.bin, ggml-model.bin).
 * Training state saved beside a checkpoint (optimizer.pt, scheduler.pt,
 * rng_state.pth, training_args.bin) is not the model.  PEFT adapters
 * (adapter_model.*, adapter_config.json) are counted apart: an adapter needs
 * its base model's weights.
 */
#include "postgres.h"

#include "hf.h"

static const char *const format_names[HF_FORMAT_COUNT] = {
	"safetensors", "pytorch", "pt", "gguf", "onnx", "h5", "msgpack", "ckpt"
};

const char *
hf_format_name(int bit)
{
	return format_names[bit];
}

/* s[0..len) ends with the ASCII suffix, ignoring case */
static bool
ends_with(const char *s, int len, const char *suffix)
{
	int			n = strlen(suffix);

	return len >= n && pg_strncasecmp(s + len - n, suffix, n) == 0;
}

static bool
starts_with(const char *s, int len, const char *prefix)
{
	int			n = strlen(prefix);

	return len >= n && pg_strncasecmp(s, prefix, n) == 0;
}

/* "model" anywhere in the name, ignoring case */
static bool
says_model(const char *s, int len)
{
	for (int i = 0; i + 5 <= len; i++)
		if (pg_strncasecmp(s + i, "model", 5) == 0)
			return true;
	return false;
}

/* state a trainer saves next to a checkpoint */
static bool
is_training_state(const char *base, int len)
{
	return starts_with(base, len, "optimizer") || starts_with(base, len, "scheduler") ||
		starts_with(base, len, "rng_state") || starts_with(base, len, "training_args") ||
		starts_with(base, len, "trainer_state");
}

/* the extension after the last '.', lower-cased into ext (at most 15 bytes); its length, or 0 */
static int
lower_extension(const char *base, int blen, char *ext)
{
	int			dot = -1;
	int			n;

	for (int i = blen - 1; i >= 0 && blen - i <= 16; i--)
		if (base[i] == '.')
		{
			dot = i;
			break;
		}
	if (dot < 0)
		return 0;
	n = blen - dot - 1;
	for (int i = 0; i < n; i++)
	{
		char		c = base[dot + 1 + i];

		ext[i] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
	}
	ext[n] = '\0';
	return n;
}

/* the weight format an extension names, 0 for none (.bin, .pt, .pth, .ckpt: see below) */
static uint32
extension_format(const char *ext, int n, const char *base, int blen)
{
	switch (n)
	{
		case 2:
			if (memcmp(ext, "h5", 2) == 0)
				return HF_FORMAT_H5;
			if (memcmp(ext, "pt", 2) == 0)
				return is_training_state(base, blen) ? 0 : HF_FORMAT_PT;
			break;
		case 3:
			if (memcmp(ext, "bin", 3) == 0)
				return (says_model(base, blen) && !is_training_state(base, blen)) ? HF_FORMAT_PYTORCH : 0;
			if (memcmp(ext, "pth", 3) == 0)
				return is_training_state(base, blen) ? 0 : HF_FORMAT_PT;
			break;
		case 4:
			if (memcmp(ext, "gguf", 4) == 0)
				return HF_FORMAT_GGUF;
			if (memcmp(ext, "onnx", 4) == 0)
				return HF_FORMAT_ONNX;
			if (memcmp(ext, "ckpt", 4) == 0)
				return is_training_state(base, blen) ? 0 : HF_FORMAT_CKPT;
			if (memcmp(ext, "data", 4) == 0)	/* model.onnx.data */
				return ends_with(base, blen, ".onnx.data") ? HF_FORMAT_ONNX : 0;
			break;
		case 7:
			if (memcmp(ext, "msgpack", 7) == 0)
				return HF_FORMAT_MSGPACK;
			break;
		case 9:
			if (memcmp(ext, "onnx_data", 9) == 0)
				return HF_FORMAT_ONNX;
			break;
		case 11:
			if (memcmp(ext, "safetensors", 11) == 0)
				return HF_FORMAT_SAFETENSORS;
			break;
	}
	return 0;
}

HfFileKind
hf_file_kind(const char *name, int len, uint32 *format)
{
	const char *base = name;
	int			blen;
	char		ext[17];
	int			n;
	uint32		fmt;

	*format = 0;
	for (int i = len - 1; i >= 0; i--)
		if (name[i] == '/')
		{
			base = name + i + 1;
			break;
		}
	blen = name + len - base;
	n = lower_extension(base, blen, ext);
	fmt = n > 0 ? extension_format(ext, n, base, blen) : 0;

	if (starts_with(base, blen, "adapter_model"))
	{
		*format = fmt;
		return fmt ? HF_FILE_ADAPTER : HF_FILE_OTHER;
	}
	if (blen == 19 && pg_strncasecmp(base, "adapter_config.json", 19) == 0)
		return HF_FILE_ADAPTER_CONFIG;
	*format = fmt;
	return fmt ? HF_FILE_WEIGHTS : HF_FILE_OTHER;
}
