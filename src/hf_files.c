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

HfFileKind
hf_file_kind(const char *name, int len, uint32 *format)
{
	const char *base = name;
	int			blen;
	uint32		fmt = 0;

	*format = 0;
	for (int i = len - 1; i >= 0; i--)
		if (name[i] == '/')
		{
			base = name + i + 1;
			break;
		}
	blen = name + len - base;

	if (ends_with(base, blen, ".safetensors"))
		fmt = HF_FORMAT_SAFETENSORS;
	else if (ends_with(base, blen, ".gguf"))
		fmt = HF_FORMAT_GGUF;
	else if (ends_with(base, blen, ".onnx") || ends_with(base, blen, ".onnx_data") ||
			 ends_with(base, blen, ".onnx.data"))
		fmt = HF_FORMAT_ONNX;
	else if (ends_with(base, blen, ".h5"))
		fmt = HF_FORMAT_H5;
	else if (ends_with(base, blen, ".msgpack"))
		fmt = HF_FORMAT_MSGPACK;
	else if (ends_with(base, blen, ".ckpt"))
		fmt = is_training_state(base, blen) ? 0 : HF_FORMAT_CKPT;
	else if (ends_with(base, blen, ".pt") || ends_with(base, blen, ".pth"))
		fmt = is_training_state(base, blen) ? 0 : HF_FORMAT_PT;
	else if (ends_with(base, blen, ".bin"))
		fmt = (says_model(base, blen) && !is_training_state(base, blen)) ? HF_FORMAT_PYTORCH : 0;

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
